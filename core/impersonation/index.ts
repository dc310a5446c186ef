/**
 * Impersonation and takeover watch, the pure part: look-alike handles and names, search queries,
 * the candidate scorer, takeover signals and the watch's platform budgets (docs/impersonation.md).
 */
export * from "./budget";
export * from "./confusables";
export * from "./queries";
export * from "./rules";
export * from "./score";
export * from "./similarity";
export * from "./takeover";
export * from "./variants";
