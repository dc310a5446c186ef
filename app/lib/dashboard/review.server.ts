/* eslint-disable @typescript-eslint/no-explicit-any -- untyped rows from raw SQL (better-sqlite3) */
/**
 * The review queue: validated filters, the open-flag query, and the decision action (flag status,
 * reviews row, audit row and rollup recompute in one transaction; all-or-nothing).
 */
import { stmt } from "./stmt.server";
import { z } from "zod";
import type { Db } from "../../../db/client";
import { ACCOUNT_CLASSES, CATEGORIES, PLATFORMS, SEVERITIES } from "../../../core/enums";
import { recomputeForFlags } from "../../../db/rollups";
import { writeAudit } from "../../../db/audit";
import { canReview, canSeeEntity, entityScope, type SessionUser } from "../permissions.server";
import { bahrainDay, isReviewDue, reviewDeadline } from "../../../core/calendar";
import { groupFlaggedPosts, toFlagView, type FlagView } from "./entity.server";

export const MAX_LIST = 20;
export const MAX_VALUE_LEN = 80;
export const MAX_QUERY_LEN = 2000;
export const PAGE_SIZE = 25;
export const MAX_BULK = 100;
export const MAX_NOTE = 2000;
import { AGES, ESCALATED, SORTS } from "./options";
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
  })
  .strict();

export type QueueFilters = z.infer<typeof queueFilterSchema>;

const KNOWN = new Set(["entity", "category", "severity", "clause", "platform", "class", "age", "escalated", "sort", "page"]);
const SINGLE = new Set(["age", "escalated", "sort", "page"]);

/** Parses the queue's query string; throws a 400 Response with a readable message. */
export function parseQueueFilters(url: URL): QueueFilters {
  if (url.search.length > MAX_QUERY_LEN) throw badRequest(`query string longer than ${MAX_QUERY_LEN} characters`);
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
  if (unknown.length) throw badRequest(`unknown parameter(s): ${unknown.slice(0, 5).join(", ")}`);
  const parsed = queueFilterSchema.safeParse(raw);
  if (!parsed.success) throw badRequest(parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data;
}

export function badRequest(message: string): Response {
  return new Response(JSON.stringify({ error: message }), { status: 400, headers: { "Content-Type": "application/json; charset=utf-8" } });
}

const SEVERITY_ORDER = `CASE f.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END`;

export interface QueueItem {
  flag: FlagView;
  entity: { id: number; slug: string; nameAr: string; nameEn: string };
  account: { id: number; platform: string; handle: string; class: string; bio: string | null };
  post: { id: number; text: string; url: string | null; publishedAt: number; deletedAt: number | null } | null;
  overdue: boolean;
  deadline: number;
  canAct: boolean;
}

export interface QueueResult {
  items: QueueItem[];
  total: number;
  page: number;
  pages: number;
  /** Entities the user may filter by. */
  entities: { slug: string; nameAr: string; nameEn: string }[];
}

export function reviewQueue(db: Db, user: SessionUser, f: QueueFilters, now: number): QueueResult {
  const scope = entityScope(user);
  const where: string[] = ["f.status = 'open'"];
  const args: unknown[] = [];
  const inList = (col: string, xs: readonly string[]) => {
    if (!xs.length) return;
    where.push(`${col} IN (${xs.map(() => "?").join(",")})`);
    args.push(...xs);
  };
  if (scope !== null) {
    where.push("f.entity_id = ?");
    args.push(scope);
  }
  if (f.entity.length) {
    const ids = (stmt(db, `SELECT id FROM entities WHERE slug IN (${f.entity.map(() => "?").join(",")})`).all(...f.entity) as { id: number }[])
      .map((r) => r.id)
      .filter((id) => canSeeEntity(user, id));
    // An entity the user may not see filters to nothing (same as one that does not exist).
    where.push(ids.length ? `f.entity_id IN (${ids.join(",")})` : "0");
  }
  inList("f.category", f.category);
  inList("f.severity", f.severity);
  inList("f.clause_id", f.clause);
  inList("a.platform", f.platform);
  inList("a.class", f.class);
  const escalated = f.escalated ?? (scope === null ? "any" : "none");
  if (escalated === "only") where.push("f.escalated = 1");
  if (escalated === "none") where.push("f.escalated = 0");
  const DAY = 86_400_000;
  if (f.age === "24h") {
    where.push("f.created_at >= ?");
    args.push(now - DAY);
  } else if (f.age === "week") {
    where.push("f.created_at >= ?");
    args.push(now - 7 * DAY);
  } else if (f.age === "older") {
    where.push("f.created_at < ?");
    args.push(now - 30 * DAY);
  } else if (f.age === "overdue") {
    // Two working days can span at most 4 calendar days (Thu → Mon); the exact test runs below.
    where.push("f.created_at < ?");
    args.push(now - 2 * DAY);
  }
  const order = f.sort === "oldest" ? "f.created_at ASC" : f.sort === "severity" ? `${SEVERITY_ORDER}, f.created_at DESC` : "f.created_at DESC";
  // flags.account_id is NOT NULL with a foreign key, so the join never drops a row: only join when
  // filtering by account columns (the count over every open flag is then a covering-index count).
  const needAccount = f.platform.length > 0 || f.class.length > 0;
  const from = `FROM flags f${needAccount ? " JOIN accounts a ON a.id = f.account_id" : ""} WHERE ${where.join(" AND ")}`;
  let total: number;
  let rows: Record<string, any>[];
  const today = bahrainDay(now);
  if (f.age === "overdue") {
    // Overdue needs the Bahrain working-day rule: filter in JS over the (bounded) candidate ids.
    const cand = stmt(db, `SELECT f.id, f.created_at ${from} ORDER BY ${order} LIMIT 20000`).all(...args) as { id: number; created_at: number }[];
    const ids = cand.filter((c) => isReviewDue(bahrainDay(c.created_at), today)).map((c) => c.id);
    total = ids.length;
    const pageIds = ids.slice((f.page - 1) * PAGE_SIZE, f.page * PAGE_SIZE);
    rows = pageIds.length ? fetchItems(db, pageIds) : [];
  } else {
    total = (stmt(db, `SELECT count(*) AS n ${from}`).get(...args) as { n: number }).n;
    const ids = (stmt(db, `SELECT f.id ${from} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...args, PAGE_SIZE, (f.page - 1) * PAGE_SIZE) as { id: number }[]).map((r) => r.id);
    rows = ids.length ? fetchItems(db, ids) : [];
  }
  const items = rows.map(
    (r): QueueItem => ({
      flag: toFlagView(r),
      entity: { id: r.entity_id, slug: r.e_slug, nameAr: r.e_name_ar, nameEn: r.e_name_en },
      account: { id: r.account_id, platform: r.platform, handle: r.handle, class: r.a_class, bio: r.post_id === null ? r.bio : null },
      post: r.post_id === null ? null : { id: r.post_id, text: r.text, url: r.url, publishedAt: r.published_at, deletedAt: r.deleted_at },
      overdue: isReviewDue(bahrainDay(r.created_at), today),
      deadline: reviewDeadline(r.created_at),
      canAct: canReview(user, r.entity_id),
    }),
  );
  const entities = (
    scope === null
      ? stmt(db, `SELECT slug, name_ar AS nameAr, name_en AS nameEn FROM entities ORDER BY name_en`).all()
      : stmt(db, `SELECT slug, name_ar AS nameAr, name_en AS nameEn FROM entities WHERE id = ?`).all(scope)
  ) as QueueResult["entities"];
  return { items, total, page: f.page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), entities };
}

function fetchItems(db: Db, ids: number[]): Record<string, any>[] {
  const rows = stmt(db, 
      `SELECT f.*, p.text, p.url, p.published_at, p.deleted_at, a.platform, a.handle, a.class AS a_class, a.bio,
              e.slug AS e_slug, e.name_ar AS e_name_ar, e.name_en AS e_name_en
         FROM flags f JOIN accounts a ON a.id = f.account_id JOIN entities e ON e.id = f.entity_id
         LEFT JOIN posts p ON p.id = f.post_id
        WHERE f.id IN (${ids.map((n) => Number(n)).join(",")})`,
    )
    .all() as Record<string, any>[];
  const pos = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => pos.get(a.id)! - pos.get(b.id)!);
}

// ---- decisions --------------------------------------------------------------------------------

export const DECISIONS = ["confirm", "dismiss", "escalate"] as const;

export const decisionSchema = z
  .object({
    decision: z.enum(DECISIONS, { error: `decision: expected one of ${DECISIONS.join(", ")}` }),
    flagIds: z
      .array(z.coerce.number({ error: "flag: expected a number" }).int("flag: expected a whole number").positive("flag: expected a positive id"))
      .min(1, "flag: choose at least one flag")
      .max(MAX_BULK, `flag: at most ${MAX_BULK} flags at once`),
    note: z.string().trim().max(MAX_NOTE, `note: at most ${MAX_NOTE} characters`).optional(),
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
  if (!parsed.success) throw badRequest(parsed.error.issues.map((i) => i.message).join("; "));
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
  const ids = input.flagIds;
  const flags = stmt(db, `SELECT id, entity_id, status, escalated FROM flags WHERE id IN (${ids.map(() => "?").join(",")})`)
    .all(...ids) as { id: number; entity_id: number; status: string; escalated: number }[];
  const found = new Map(flags.map((f) => [f.id, f]));
  for (const id of ids) {
    const f = found.get(id);
    if (!f || !canSeeEntity(user, f.entity_id)) throw new DecisionError(404, `flag ${id}: not found`);
    if (!canReview(user, f.entity_id)) throw new DecisionError(403, `flag ${id}: you may not review it`);
    if (f.status !== "open") throw new DecisionError(409, `flag ${id}: already ${f.status}`);
    if (input.decision === "escalate" && f.escalated) throw new DecisionError(409, `flag ${id}: already escalated`);
  }
  let rollupRows = 0;
  db.transaction((tx) => {
    const at = new Date(now);
    const setStatus = stmt(db, `UPDATE flags SET status = ?, reviewed_at = ? WHERE id = ? AND status = 'open'`);
    const setEscalated = stmt(db, `UPDATE flags SET escalated = 1 WHERE id = ? AND status = 'open'`);
    const insReview = stmt(db, `INSERT INTO reviews (flag_id, user_id, decision, note, at) VALUES (?, ?, ?, ?, ?)`);
    for (const f of flags) {
      const before = { status: f.status, escalated: !!f.escalated };
      let after: { status: string; escalated: boolean };
      if (input.decision === "escalate") {
        if (setEscalated.run(f.id).changes !== 1) throw new DecisionError(409, `flag ${f.id}: changed meanwhile`);
        after = { status: "open", escalated: true };
      } else {
        const status = input.decision === "confirm" ? "confirmed" : "dismissed";
        if (setStatus.run(status, now, f.id).changes !== 1) throw new DecisionError(409, `flag ${f.id}: changed meanwhile`);
        after = { status, escalated: !!f.escalated };
      }
      insReview.run(f.id, user.id, input.decision, input.note ?? null, now);
      writeAudit(tx, { user, action: `flag.${input.decision}`, targetType: "flag", targetId: f.id, entityId: f.entity_id, before, after: { ...after, note: input.note ?? null } }, at);
    }
    rollupRows = recomputeForFlags(db, flags.map((f) => f.id), now);
  });
  return { updated: flags.length, rollupRows };
}

/** For the entity and account pages: a flag's post with the flag (for evidence rendering). */
export { groupFlaggedPosts };
