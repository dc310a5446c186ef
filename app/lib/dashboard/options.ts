/** Closed value lists shared by the dashboard's server validation and its forms (client-safe). */
export const AGES = ["24h", "week", "overdue", "older"] as const;
export const ESCALATED = ["any", "only", "none"] as const;
export const SORTS = ["newest", "oldest", "severity"] as const;
export const CLAUSES = ["COC-2", "COC-3", "COC-4", "COC-5", "COC-6", "COC-7", "COC-8", "COC-9", "GUIDE-OFFICIAL", "GUIDE-EXEC", "GUIDE-EMPLOYEE"] as const;
export const PERIODS = ["week", "4w", "12w"] as const;
export const COMPARE_SORTS = ["overall", "content", "governance", "responsiveness", "posts", "per100", "open", "median", "failing", "name"] as const;
