/** The token form's choices, shared by the server (tokens.server.ts) and the page. */
export const EXPIRY_DAYS = ["7", "30", "90", "365"] as const;
/** Unrevoked, unexpired tokens a person may hold at once. */
export const MAX_LIVE = 20;
