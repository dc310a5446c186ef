/**
 * The review queue: validated filters, the open-flag query, and the decision action (flag status,
 * reviews row, audit row and rollup recompute in one transaction; all-or-nothing).
 */
import { z } from "zod";
import type { Db } from "../../../db/client";
import { FlagChanged, flagStates, recordDecision } from "../../../db/flags";
import { entityChoices, entityIdsBySlugs, type EntityChoice, type EntityRef } from "../../../db/read/entities";
import { queueCandidates, queueCount, queueItems, queuePageIds, type QueueQuery } from "../../../db/read/review";
import { ACCOUNT_CLASSES, CATEGORIES, PLATFORMS, REVIEW_DECISIONS, SEVERITIES } from "../../../core/enums";
import { bahrainDay, isReviewDue, reviewDeadline } from "../../../core/calendar";
import { hasBidiControl } from "../../../core/bidi";
import { canReview, canSeeEntity, entityScope, type SessionUser } from "../permissions.server";
import { badRequest } from "../http.server";
import { toFlagView, type FlagView } from "./entity.server";
import { AGES, ESCALATED, SORTS } from "./options";
import type { EvidenceFact } from "../../components/dashboard/EvidenceFacts";

export const MAX_LIST = 20;
export const MAX_VALUE_LEN = 80;
export const MAX_QUERY_LEN = 2000;
export const PAGE_SIZE = 25;
export const MAX_BULK = 100;
export const MAX_NOTE = 2000;
export { AGES, ESCALATED, SORTS };

/** A repeated (or comma-separated) query parameter, each value from a closed list. */
function list<T extends string>(name: string, values: readonly T[]) {
  return z
    .array(z.string().max(MAX_VALUE_LEN, `${name}: value longer than ${MAX_VALUE_LEN} characters`))
    .max(MAX_LIST, `${name}: at most ${MAX_LIST} values`)
    .transform((xs) => xs.flatMap((x) => x.split(",")).map((x) => x.trim()).filter(Boolean))
    .pipe(
      z
        .array(z.enum(values as unknown as [T, ...T[]], { error: (iss) => `${name}: unknown value ${JSON.stringify(iss.input)}; allowed: ${values.join(", ")}` }))
        .max(MAX_LIST, `${name}: at most ${MAX_LIST} values`),
    );
}

const slugList = z
  .array(z.string().max(MAX_VALUE_LEN, `entity: value longer than ${MAX_VALUE_LEN} characters`))
  .max(MAX_LIST, `entity: at most ${MAX_LIST} values`)
  .transform((xs) => xs.flatMap((x) => x.split(",")).map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[a-z0-9-]+$/, "entity: a slug is lower-case letters, digits and dashes")).max(MAX_LIST, `entity: at most ${MAX_LIST} values`));

export const queueFilterSchema = z
  .object({
    entity: slugList.default([]),
    category: list("category", CATEGORIES).default([]),
    severity: list("severity", SEVERITIES).default([]),
    clause: z
      .array(z.string().max(MAX_VALUE_LEN, `clause: value longer than ${MAX_VALUE_LEN} characters`))
      .max(MAX_LIST, `clause: at most ${MAX_LIST} values`)
      .transform((xs) => xs.flatMap((x) => x.split(",")).map((x) => x.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^(COC-[1-9]|GUIDE-(OFFICIAL|EXEC|EMPLOYEE))$/, "clause: expected COC-1 … COC-9 or GUIDE-OFFICIAL/EXEC/EMPLOYEE")).max(MAX_LIST))
      .default([]),
    platform: list("platform", PLATFORMS).default([]),
    class: list("class", ACCOUNT_CLASSES).default([]),
    age: z.enum(AGES, { error: `age: expected one of ${AGES.join(", ")}` }).optional(),
    escalated: z.enum(ESCALATED, { error: `escalated: expected one of ${ESCALATED.join(", ")}` }).optional(),
    sort: z.enum(SORTS, { error: `sort: expected one of ${SORTS.join(", ")}` }).default("newest"),
    page: z.coerce.number({ error: "page: expected a number" }).int("page: expected a whole number").min(1, "page: at least 1").max(10_000, "page: at most 10000").default(1),
    /** One flag (the link in an alert email). */
    flag: z.coerce.number({ error: "flag: expected a number" }).int("flag: expected a whole number").positive("flag: expected a positive id").optional(),
  })
  .strict();

export type QueueFilters = z.infer<typeof queueFilterSchema>;

const KNOWN = new Set(["entity", "category", "severity", "clause", "platform", "class", "age", "escalated", "sort", "page", "flag"]);
const SINGLE = new Set(["age", "escalated", "sort", "page", "flag"]);

/** Parses the queue's query string; throws a 400 Response with a readable message (plain text). */
export function parseQueueFilters(url: URL): QueueFilters {
  if (url.search.length > MAX_QUERY_LEN) badRequest(`query string longer than ${MAX_QUERY_LEN} characters`);
  const raw: Record<string, string | string[]> = {};
  const unknown: string[] = [];
  for (const [k, v] of url.searchParams) {
    if (!KNOWN.has(k)) {
      unknown.push(k);
      continue;
    }
    if (v === "") continue;
    if (SINGLE.has(k)) raw[k] = v;
    else ((raw[k] ??= []) as string[]).push(v);
  }
  if (unknown.length) badRequest(`unknown parameter(s): ${unknown.slice(0, 5).join(", ")}`);
  const parsed = queueFilterSchema.safeParse(raw);
  if (!parsed.success) badRequest(parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data;
}

export interface QueueItem {
  flag: FlagView;
  entity: EntityRef;
  account: { id: number; platform: string; handle: string; class: string; bio: string | null };
  post: { id: number; text: string; url: string | null; publishedAt: number; deletedAt: number | null } | null;
  /** What a takeover flag rests on (before/after, domain, counts), in the stored order. */
  facts: EvidenceFact[];
  overdue: boolean;
  deadline: number;
  canAct: boolean;
}

/** Longest evidence value shown (a whole bio is stored; the page shows its start). */
const FACT_MAX = 600;

/**
 * The stored evidence (JSON object text) as facts: string and finite number values only, strings
 * cut to FACT_MAX, `at` an instant (ms); anything malformed is no facts. Values come from the
 * platforms: untrusted text.
 */
export function evidenceFacts(json: string | null): EvidenceFact[] {
  if (json === null) return [];
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return [];
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) return [];
  const out: EvidenceFact[] = [];
  for (const [key, value] of Object.entries(v)) {
    if (key === "signal") continue; // the flag's rule already names it
    if (typeof value === "number" && Number.isFinite(value)) out.push({ key, value });
    else if (typeof value === "string" && value !== "") out.push({ key, value: value.length > FACT_MAX ? `${value.slice(0, FACT_MAX)}…` : value });
  }
  return out;
}

export interface QueueResult {
  items: QueueItem[];
  total: number;
  page: number;
  pages: number;
  /** Entities the user may filter by. */
  entities: EntityChoice[];
}

const DAY = 86_400_000;
/** Candidates read for the overdue filter (its working-day rule runs here, not in SQL). */
const OVERDUE_CANDIDATES = 20_000;

/** The raising times an age filter selects in SQL. */
function raisedWindow(age: QueueFilters["age"], now: number): Pick<QueueQuery, "raisedFrom" | "raisedBefore"> {
  switch (age) {
    case "24h":
      return { raisedFrom: now - DAY };
    case "week":
      return { raisedFrom: now - 7 * DAY };
    case "older":
      return { raisedBefore: now - 30 * DAY };
    case "overdue":
      // Two working days can span at most 4 calendar days (Thu → Mon); the exact test runs after.
      return { raisedBefore: now - 2 * DAY };
    default:
      return {};
  }
}

/** The SQL side of the filters: what the database can select on its own (the queue and its exports). */
export function queueQuery(db: Db, user: SessionUser, f: QueueFilters, now: number): QueueQuery {
  const scope = entityScope(user);
  return {
    scope,
    // An entity the user may not see filters to nothing (same as one that does not exist).
    entityIds: f.entity.length ? entityIdsBySlugs(db, f.entity).filter((id) => canSeeEntity(user, id)) : null,
    category: f.category,
    severity: f.severity,
    clause: f.clause,
    platform: f.platform,
    class: f.class,
    // One flag asked for by id (an alert's link) shows whether escalated or not.
    escalated: f.escalated ?? (scope === null || f.flag !== undefined ? "any" : "none"),
    flagId: f.flag,
    sort: f.sort,
    ...raisedWindow(f.age, now),
  };
}

export function reviewQueue(db: Db, user: SessionUser, f: QueueFilters, now: number): QueueResult {
  const q = queueQuery(db, user, f, now);
  const today = bahrainDay(now);
  let total: number;
  let ids: number[];
  if (f.age === "overdue") {
    // Overdue needs the Bahrain working-day rule: filter the (bounded) candidates here.
    const due = queueCandidates(db, q, OVERDUE_CANDIDATES).filter(([, createdAt]) => isReviewDue(bahrainDay(createdAt), today));
    total = due.length;
    ids = due.slice((f.page - 1) * PAGE_SIZE, f.page * PAGE_SIZE).map(([id]) => id);
  } else {
    total = queueCount(db, q);
    ids = queuePageIds(db, q, PAGE_SIZE, (f.page - 1) * PAGE_SIZE);
  }
  const items = queueItems(db, ids).map(
    (r): QueueItem => ({
      flag: toFlagView(r),
      entity: { id: r.entityId, slug: r.entitySlug, nameAr: r.entityNameAr, nameEn: r.entityNameEn },
      account: { id: r.accountId, platform: r.platform, handle: r.handle, class: r.accountClass, bio: r.postId === null ? r.bio : null },
      post:
        r.postId === null || r.text === null || r.publishedAt === null
          ? null
          : { id: r.postId, text: r.text, url: r.url, publishedAt: r.publishedAt, deletedAt: r.deletedAt },
      facts: evidenceFacts(r.evidence),
      overdue: isReviewDue(bahrainDay(r.createdAt), today),
      deadline: reviewDeadline(r.createdAt),
      canAct: canReview(user, r.entityId),
    }),
  );
  return { items, total, page: f.page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), entities: entityChoices(db, q.scope) };
}

// ---- decisions --------------------------------------------------------------------------------

export const DECISIONS = REVIEW_DECISIONS;

export const decisionSchema = z
  .object({
    decision: z.enum(DECISIONS, { error: `decision: expected one of ${DECISIONS.join(", ")}` }),
    flagIds: z
      .array(z.coerce.number({ error: "flag: expected a number" }).int("flag: expected a whole number").positive("flag: expected a positive id"))
      .min(1, "flag: choose at least one flag")
      .max(MAX_BULK, `flag: at most ${MAX_BULK} flags at once`),
    note: z
      .string()
      .trim()
      .max(MAX_NOTE, `note: at most ${MAX_NOTE} characters`)
      .refine((s) => !hasBidiControl(s), "note: a text-direction control character (U+202A–U+202E, U+2066–U+2069) is not allowed")
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "dismiss" && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "note: a reason is required to dismiss" });
  });

export type DecisionInput = z.infer<typeof decisionSchema>;

export function parseDecision(form: FormData): DecisionInput {
  const raw = {
    decision: form.get("decision") ?? undefined,
    flagIds: form.getAll("flag").map(String).slice(0, MAX_BULK + 1),
    note: typeof form.get("note") === "string" && String(form.get("note")).trim() !== "" ? String(form.get("note")) : undefined,
  };
  const parsed = decisionSchema.safeParse(raw);
  if (!parsed.success) badRequest(parsed.error.issues.map((i) => i.message).join("; "));
  return { ...parsed.data, flagIds: [...new Set(parsed.data.flagIds)] };
}

export class DecisionError extends Error {
  constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Applies a decision to open flags the user may review. All-or-nothing: any flag that is missing,
 * invisible (404), not reviewable (403) or already reviewed (409) rejects the whole batch.
 */
export function applyDecision(db: Db, user: SessionUser, input: DecisionInput, now: number = Date.now()): { updated: number; rollupRows: number } {
  const flags = flagStates(db, input.flagIds);
  const found = new Map(flags.map((f) => [f.id, f]));
  for (const id of input.flagIds) {
    const f = found.get(id);
    if (!f || !canSeeEntity(user, f.entityId)) throw new DecisionError(404, `flag ${id}: not found`);
    if (!canReview(user, f.entityId)) throw new DecisionError(403, `flag ${id}: you may not review it`);
    if (f.status !== "open") throw new DecisionError(409, `flag ${id}: already ${f.status}`);
    if (input.decision === "escalate" && f.escalated) throw new DecisionError(409, `flag ${id}: already escalated`);
  }
  try {
    const { rollupRows } = recordDecision(db, { user, decision: input.decision, note: input.note ?? null, flags, now });
    return { updated: flags.length, rollupRows };
  } catch (e) {
    if (e instanceof FlagChanged) throw new DecisionError(409, e.message);
    throw e;
  }
}
