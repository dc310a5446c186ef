/**
 * Amanah data model (design §3). Timestamps are integer epoch milliseconds (drizzle `timestamp_ms`),
 * calendar days are `YYYY-MM-DD` strings in Asia/Bahrain. Names of `accounts.platform/handle` and
 * `posts.account_id/platform_post_id/text/published_at/deleted_at` are read by other tools: keep them.
 */
import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import {
  ACCOUNT_CLASSES,
  ACCOUNT_STATUSES,
  CANDIDATE_STATUSES,
  CATEGORIES,
  CREDENTIAL_CUSTODY,
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  ENTITY_KINDS,
  EVENT_TYPES,
  FETCH_KINDS,
  FETCH_OUTCOMES,
  FLAG_STATUSES,
  MAIL_KINDS,
  MAIL_STATUSES,
  PLATFORMS,
  PROFILE_FIELDS,
  REGISTRY_STATUSES,
  REVIEW_DECISIONS,
  ROLES,
  SEVERITIES,
  TOKEN_SCOPES,
  TWO_FACTOR,
  WATCH_OUTCOMES,
  type EvidenceSpan,
} from "../core/enums";
import type { Reason } from "../core/impersonation/score";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const entities = sqliteTable("entities", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  nameAr: text("name_ar").notNull(),
  nameEn: text("name_en").notNull(),
  kind: text("kind", { enum: ENTITY_KINDS }).notNull(),
  website: text("website"),
  /** Official email domains, JSON array of lower-case hosts. Empty when unknown: never invented. */
  emailDomains: text("email_domains", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  createdAt: createdAt(),
});

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    /** Required for entity roles, null for CSB roles. */
    entityId: integer("entity_id").references(() => entities.id),
    locale: text("locale", { enum: ["ar", "en"] }).notNull().default("ar"),
    disabledAt: integer("disabled_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("users_entity_idx").on(t.entityId)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Personal API tokens. Only the SHA-256 of the token is stored (the token is 256 random bits, so a
 * fast hash is enough; argon2 is for passwords people choose); `prefix` is its first characters,
 * shown in the list so a person can tell tokens apart. A token acts as its user, never more.
 */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    scope: text("scope", { enum: TOKEN_SCOPES }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    prefix: text("prefix").notNull(),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    /** Updated at most once a minute per token (a write per request would churn the database). */
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

/**
 * Pre-publication checks (/check and POST /api/v1/check) counted per entity, rule and Bahrain
 * day; the drafts themselves are never stored. `entity_id` 0 counts CSB users (no entity), and
 * rule `*` counts the checks themselves.
 */
export const checkCounts = sqliteTable(
  "check_counts",
  {
    entityId: integer("entity_id").notNull(),
    ruleId: text("rule_id").notNull(),
    day: text("day").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.ruleId, t.day] })],
);


/**
 * Sign-in attempts, for throttling per (email, address), per address and (as a slow-down) per
 * email. An attempt is reserved as `pending` before its password is checked, so concurrent
 * attempts count at once; a failure turns it `failed`, a success deletes it.
 */
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    outcome: text("outcome", { enum: ["pending", "failed"] }).notNull().default("failed"),
  },
  (t) => [
    index("login_attempts_email_idx").on(t.email, t.at),
    index("login_attempts_ip_idx").on(t.ip, t.at),
    index("login_attempts_email_ip_idx").on(t.email, t.ip, t.at),
  ],
);

export const accounts = sqliteTable(
  "accounts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entityId: integer("entity_id")
      .notNull()
      .references(() => entities.id),
    platform: text("platform", { enum: PLATFORMS }).notNull(),
    /** Canonical handle: lower-case, no leading "@"; for RSS the feed URL; for Mastodon user@instance. */
    handle: text("handle").notNull(),
    platformId: text("platform_id"),
    class: text("class", { enum: ACCOUNT_CLASSES }).notNull(),
    /** Person behind an executive or employee account, and their title. */
    holderName: text("holder_name"),
    holderTitle: text("holder_title"),
    /** For executive accounts: who runs it day to day (the person, their office, an agency). */
    managedBy: text("managed_by"),
    /** Executive accounts link to their entity's official account on the same platform. */
    linkedOfficialAccountId: integer("linked_official_account_id"),
    handoverPlan: text("handover_plan"),
    verificationRequested: integer("verification_requested", { mode: "boolean" }).notNull().default(false),
    // Profile, as last read from the platform (untrusted text, stored verbatim).
    displayName: text("display_name"),
    bio: text("bio"),
    profileUrl: text("profile_url"),
    avatarUrl: text("avatar_url"),
    verified: integer("verified", { mode: "boolean" }),
    followers: integer("followers"),
    profileCreatedAt: integer("profile_created_at", { mode: "timestamp_ms" }),
    contactLinks: text("contact_links", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    profileFetchedAt: integer("profile_fetched_at", { mode: "timestamp_ms" }),
    status: text("status", { enum: ACCOUNT_STATUSES }).notNull().default("active"),
    registryStatus: text("registry_status", { enum: REGISTRY_STATUSES }).notNull().default("registered"),
    /** Connector cursor for incremental fetches (platform-specific, opaque). */
    cursor: text("cursor"),
    lastPostAt: integer("last_post_at", { mode: "timestamp_ms" }),
    /** True for the synthetic demo world: the UI says the handle is not real. */
    synthetic: integer("synthetic", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("accounts_platform_handle_uq").on(t.platform, t.handle),
    index("accounts_entity_idx").on(t.entityId, t.class),
  ],
);

/**
 * Ownership record. Never updated in place: a change closes the current row (`valid_to`) and
 * inserts a new one, so the table is the handover history.
 */
export const accountOwners = sqliteTable(
  "account_owners",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    custodianName: text("custodian_name"),
    custodianEmail: text("custodian_email"),
    backupName: text("backup_name"),
    backupEmail: text("backup_email"),
    credentialCustody: text("credential_custody", { enum: CREDENTIAL_CUSTODY }).notNull().default("unknown"),
    twoFactor: text("two_factor", { enum: TWO_FACTOR }).notNull().default("unknown"),
    recoveryContact: text("recovery_contact"),
    attestedAt: integer("attested_at", { mode: "timestamp_ms" }),
    note: text("note"),
    validFrom: integer("valid_from", { mode: "timestamp_ms" }).notNull(),
    validTo: integer("valid_to", { mode: "timestamp_ms" }),
    changedBy: integer("changed_by").references(() => users.id),
  },
  (t) => [index("account_owners_account_idx").on(t.accountId, t.validTo)],
);

export const posts = sqliteTable(
  "posts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    platformPostId: text("platform_post_id").notNull(),
    url: text("url"),
    text: text("text").notNull(),
    lang: text("lang"),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }).notNull(),
    firstSeenAt: integer("first_seen_at", { mode: "timestamp_ms" }).notNull(),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    editedAt: integer("edited_at", { mode: "timestamp_ms" }),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    /** Number of the current version in post_versions (1 = as first seen). */
    version: integer("version").notNull().default(1),
    /** Raw platform payload (JSON text, capped by the connector). */
    raw: text("raw"),
  },
  (t) => [
    uniqueIndex("posts_account_platform_post_uq").on(t.accountId, t.platformPostId),
    index("posts_account_published_idx").on(t.accountId, t.publishedAt),
    index("posts_published_idx").on(t.publishedAt),
  ],
);

/**
 * The platform profile as it changed: a row each time a fetched profile differs from the last one
 * recorded (display name, bio, links, avatar, verification; follower counts are not history).
 */
export const accountProfileVersions = sqliteTable(
  "account_profile_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    seenAt: integer("seen_at", { mode: "timestamp_ms" }).notNull(),
    displayName: text("display_name"),
    bio: text("bio"),
    profileUrl: text("profile_url"),
    avatarUrl: text("avatar_url"),
    verified: integer("verified", { mode: "boolean" }),
    contactLinks: text("contact_links", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  },
  (t) => [index("account_profile_versions_account_idx").on(t.accountId, t.seenAt)],
);

export const postVersions = sqliteTable(
  "post_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id),
    version: integer("version").notNull(),
    text: text("text").notNull(),
    seenAt: integer("seen_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("post_versions_post_version_uq").on(t.postId, t.version)],
);

export const flags = sqliteTable(
  "flags",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** "post:<posts.id>" or "profile:<accounts.id>"; with rule and policy version it keys a flag once. */
    subjectKey: text("subject_key").notNull(),
    postId: integer("post_id").references(() => posts.id),
    /** Always set: the account the post or profile belongs to (denormalised for filters). */
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    entityId: integer("entity_id")
      .notNull()
      .references(() => entities.id),
    ruleId: text("rule_id").notNull(),
    clauseId: text("clause_id").notNull(),
    category: text("category", { enum: CATEGORIES }).notNull(),
    severity: text("severity", { enum: SEVERITIES }).notNull(),
    score: real("score").notNull(),
    spans: text("spans", { mode: "json" }).$type<EvidenceSpan[]>().notNull().default(sql`'[]'`),
    policyVersion: text("policy_version").notNull(),
    status: text("status", { enum: FLAG_STATUSES }).notNull().default("open"),
    escalated: integer("escalated", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    reviewedAt: integer("reviewed_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("flags_subject_rule_policy_uq").on(t.subjectKey, t.ruleId, t.policyVersion),
    index("flags_entity_status_idx").on(t.entityId, t.status, t.createdAt),
    index("flags_status_created_idx").on(t.status, t.createdAt),
    index("flags_post_idx").on(t.postId),
    index("flags_account_idx").on(t.accountId),
    // Median review time and responsiveness read reviewed flags by time.
    index("flags_status_reviewed_idx").on(t.status, t.reviewedAt),
  ],
);

export const reviews = sqliteTable(
  "reviews",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    flagId: integer("flag_id")
      .notNull()
      .references(() => flags.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    decision: text("decision", { enum: REVIEW_DECISIONS }).notNull(),
    note: text("note"),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("reviews_flag_idx").on(t.flagId)],
);

/** Append-only (triggers in the migration refuse UPDATE and DELETE). */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    userId: integer("user_id").references(() => users.id),
    /** Email of the user, or "system:<component>" for workers and CLIs. */
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    entityId: integer("entity_id"),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
  },
  (t) => [
    index("audit_log_target_idx").on(t.targetType, t.targetId),
    index("audit_log_entity_idx").on(t.entityId, t.at),
    // The audit export reads a time range across entities.
    index("audit_log_at_idx").on(t.at),
  ],
);


export const fetchRuns = sqliteTable(
  "fetch_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    kind: text("kind", { enum: FETCH_KINDS }).notNull(),
    jobId: text("job_id"),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    outcome: text("outcome", { enum: FETCH_OUTCOMES }).notNull().default("running"),
    postsNew: integer("posts_new").notNull().default(0),
    postsChanged: integer("posts_changed").notNull().default(0),
    postsDeleted: integer("posts_deleted").notNull().default(0),
    error: text("error"),
  },
  (t) => [
    index("fetch_runs_account_idx").on(t.accountId, t.startedAt),
    // The sweep for attempts that died with their worker reads only the running rows.
    index("fetch_runs_running_idx").on(t.startedAt).where(sql`outcome = 'running'`),
  ],
);

/** Platform credentials, encrypted at rest with AES-256-GCM (key from AMANAH_CREDENTIALS_KEY). */
export const platformCredentials = sqliteTable("platform_credentials", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  platform: text("platform", { enum: PLATFORMS }).notNull(),
  label: text("label").notNull(),
  /** base64(iv).base64(tag).base64(ciphertext) */
  sealed: text("sealed").notNull(),
  createdAt: createdAt(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
});

export const reports = sqliteTable(
  "reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    scope: text("scope", { enum: ["entity", "csb"] }).notNull(),
    /** Null for the CSB-wide report. */
    entityId: integer("entity_id").references(() => entities.id),
    /** Sunday that starts the week, Asia/Bahrain. */
    weekStart: text("week_start").notNull(),
    locale: text("locale", { enum: ["ar", "en"] }).notNull().default("ar"),
    version: integer("version").notNull().default(1),
    filePath: text("file_path").notNull(),
    sha256: text("sha256").notNull(),
    bytes: integer("bytes").notNull(),
    pages: integer("pages"),
    generatedAt: integer("generated_at", { mode: "timestamp_ms" }).notNull(),
    generatedBy: text("generated_by").notNull(),
  },
  (t) => [
    uniqueIndex("reports_scope_entity_week_locale_version_uq").on(
      t.scope,
      t.entityId,
      t.weekStart,
      t.locale,
      t.version,
    ),
  ],
);

/**
 * Per entity per Bahrain day: what the dashboards read instead of scanning posts and flags.
 * Flag counts exclude dismissed flags; `by_category`/`by_severity` are JSON maps of counts.
 */
export const entityDayRollups = sqliteTable(
  "entity_day_rollups",
  {
    entityId: integer("entity_id")
      .notNull()
      .references(() => entities.id),
    day: text("day").notNull(),
    posts: integer("posts").notNull().default(0),
    flags: integer("flags").notNull().default(0),
    weightedFlags: real("weighted_flags").notNull().default(0),
    openFlags: integer("open_flags").notNull().default(0),
    byCategory: text("by_category", { mode: "json" }).$type<Record<string, number>>().notNull().default(sql`'{}'`),
    bySeverity: text("by_severity", { mode: "json" }).$type<Record<string, number>>().notNull().default(sql`'{}'`),
    byClause: text("by_clause", { mode: "json" }).$type<Record<string, number>>().notNull().default(sql`'{}'`),
    /** Flags raised that day; of those, reviewed within two Bahrain working days; total review seconds. */
    flagsRaised: integer("flags_raised").notNull().default(0),
    reviewedOnTime: integer("reviewed_on_time").notNull().default(0),
    reviewed: integer("reviewed").notNull().default(0),
    reviewSeconds: real("review_seconds").notNull().default(0),
    /** Governance controls applicable / met across the entity's accounts, as of that day. */
    controlsApplicable: integer("controls_applicable").notNull().default(0),
    controlsMet: integer("controls_met").notNull().default(0),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entityId, t.day] }),
    // The CSB comparison reads one range of days across all entities.
    index("entity_day_rollups_day_idx").on(t.day),
  ],
);

/**
 * Accounts the impersonation watch found that look like an entity's registered ones (docs/
 * impersonation.md): the profile as last seen (untrusted, verbatim), the score and its reasons, and
 * the review decision. One row per entity, platform and handle.
 */
export const impersonationCandidates = sqliteTable(
  "impersonation_candidates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entityId: integer("entity_id")
      .notNull()
      .references(() => entities.id),
    platform: text("platform", { enum: PLATFORMS }).notNull(),
    /** Canonical handle (as accounts.handle). */
    handle: text("handle").notNull(),
    platformId: text("platform_id"),
    displayName: text("display_name"),
    bio: text("bio"),
    profileUrl: text("profile_url"),
    links: text("links", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    profileCreatedAt: integer("profile_created_at", { mode: "timestamp_ms" }),
    followers: integer("followers"),
    /** The registered account it resembles most (null: only the entity's names). */
    imitatesAccountId: integer("imitates_account_id").references(() => accounts.id),
    score: real("score").notNull(),
    reasons: text("reasons", { mode: "json" }).$type<Reason[]>().notNull().default(sql`'[]'`),
    status: text("status", { enum: CANDIDATE_STATUSES }).notNull().default("open"),
    firstSeenAt: integer("first_seen_at", { mode: "timestamp_ms" }).notNull(),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    /** When it first scored above the alert threshold (its one impersonation.suspected event). */
    alertedAt: integer("alerted_at", { mode: "timestamp_ms" }),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    decidedBy: integer("decided_by").references(() => users.id),
    /** Impostor: the day it was reported to the platform (YYYY-MM-DD), when it was. */
    reportedOn: text("reported_on"),
    note: text("note"),
  },
  (t) => [
    uniqueIndex("impersonation_candidates_entity_handle_uq").on(t.entityId, t.platform, t.handle),
    index("impersonation_candidates_entity_idx").on(t.entityId, t.status, t.score),
    // /verify looks a handle up across entities.
    index("impersonation_candidates_handle_idx").on(t.platform, t.handle),
  ],
);

/** One watch of one entity: what it spent per platform, what it found, what it could not do. */
export const impersonationRuns = sqliteTable(
  "impersonation_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entityId: integer("entity_id")
      .notNull()
      .references(() => entities.id),
    jobId: text("job_id"),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    outcome: text("outcome", { enum: WATCH_OUTCOMES }).notNull().default("running"),
    found: integer("found").notNull().default(0),
    candidates: integer("candidates").notNull().default(0),
    alerts: integer("alerts").notNull().default(0),
    takeoverFlags: integer("takeover_flags").notNull().default(0),
    /** Units spent per platform (YouTube quota units, requests elsewhere). */
    spent: text("spent", { mode: "json" }).$type<Record<string, number>>().notNull().default(sql`'{}'`),
    /** Platform notes ("facebook:no-search", "x:search-needs-user-token", "youtube:budget", …). */
    notes: text("notes", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    error: text("error"),
  },
  (t) => [index("impersonation_runs_entity_idx").on(t.entityId, t.startedAt)],
);

/** Units the watch spent per platform and budget day (YouTube: Pacific day; others: UTC). */
export const impersonationBudget = sqliteTable(
  "impersonation_budget",
  {
    platform: text("platform", { enum: PLATFORMS }).notNull(),
    day: text("day").notNull(),
    units: integer("units").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.platform, t.day] })],
);

/** Profile fields as they changed (before → after), written with the profile; takeover signals read them. */
export const profileChanges = sqliteTable(
  "profile_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    field: text("field", { enum: PROFILE_FIELDS }).notNull(),
    before: text("before"),
    after: text("after"),
  },
  (t) => [index("profile_changes_account_idx").on(t.accountId, t.at)],
);

/** What a flag rests on beyond text spans (takeover signals: counts, hours, domains), JSON. */
export const flagEvidence = sqliteTable("flag_evidence", {
  flagId: integer("flag_id")
    .primaryKey()
    .references(() => flags.id),
  evidence: text("evidence", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
});

// ---- alerts (docs/alerts.md, docs/decisions/005-alerts.md) -------------------------------------

/**
 * The transactional outbox: one row per thing that happened, written in the same transaction as
 * the thing itself (a flag, a vanished account, an archived report) or by a sweep (overdue flags,
 * failing fetches). `key` makes each event happen once (`flag.created:<flagId>`). The dispatcher
 * moves undispatched rows to the BullMQ `notify` queue; `processed_at` is set once the event's
 * deliveries exist, so an event lost with Redis is dispatched again.
 */
export const events = sqliteTable(
  "events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Public id (webhook body "id"): random, so ids say nothing about volumes. */
    uid: text("uid").notNull().unique().default(sql`(lower(hex(randomblob(16))))`),
    key: text("key").notNull().unique(),
    type: text("type", { enum: EVENT_TYPES }).notNull(),
    /** Null only for the CSB-wide weekly report. */
    entityId: integer("entity_id").references(() => entities.id),
    flagId: integer("flag_id").references(() => flags.id),
    accountId: integer("account_id").references(() => accounts.id),
    reportId: integer("report_id").references(() => reports.id),
    severity: text("severity", { enum: SEVERITIES }),
    /** Small facts of the moment (reason, new handle, failures): JSON object. */
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    occurredAt: integer("occurred_at", { mode: "timestamp_ms" }).notNull(),
    dispatchedAt: integer("dispatched_at", { mode: "timestamp_ms" }),
    processedAt: integer("processed_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("events_undispatched_idx").on(t.id).where(sql`dispatched_at IS NULL`),
    index("events_unprocessed_idx").on(t.dispatchedAt).where(sql`processed_at IS NULL`),
    index("events_entity_occurred_idx").on(t.entityId, t.occurredAt),
    index("events_occurred_idx").on(t.occurredAt),
  ],
);

/** What a user chose at /settings/notifications (no row: core/alerts/prefs.ts defaultPrefs). */
export const notificationPrefs = sqliteTable("notification_prefs", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  immediate: integer("immediate", { mode: "boolean" }).notNull(),
  digest: integer("digest", { mode: "boolean" }).notNull(),
  weeklyReport: integer("weekly_report", { mode: "boolean" }).notNull(),
  /** CSB roles: every entity, or only those in notification_entities. */
  allEntities: integer("all_entities", { mode: "boolean" }).notNull().default(true),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

export const notificationEntities = sqliteTable(
  "notification_entities",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    entityId: integer("entity_id")
      .notNull()
      .references(() => entities.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.entityId] })],
);

/** A webhook: an entity's (its director registers it) or global (csb_admin); secret sealed at rest. */
export const webhooks = sqliteTable(
  "webhooks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Null: global (every entity's events and the CSB-wide ones). */
    entityId: integer("entity_id").references(() => entities.id),
    url: text("url").notNull(),
    description: text("description"),
    /** The secret sealed with AMANAH_CREDENTIALS_KEY (core/seal.ts): `{ "secret": "whsec_…" }`. */
    secretSealed: text("secret_sealed").notNull(),
    /** Who registered it: told by email when it is disabled. */
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    /** First failed attempt since the last success; 24 h of failures disables the hook. */
    failingSince: integer("failing_since", { mode: "timestamp_ms" }),
    lastSuccessAt: integer("last_success_at", { mode: "timestamp_ms" }),
    disabledAt: integer("disabled_at", { mode: "timestamp_ms" }),
    disabledReason: text("disabled_reason"),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("webhooks_entity_idx").on(t.entityId)],
);

/**
 * One email, possibly carrying many events (alerts of a burst are grouped). Its id makes the
 * Message-ID, so a resend after a crash carries the same one. `dedupe_key` makes digests and
 * notices happen once (`digest:<user>:<day>`).
 */
export const mails = sqliteTable(
  "mails",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: MAIL_KINDS }).notNull(),
    dedupeKey: text("dedupe_key").unique(),
    status: text("status", { enum: MAIL_STATUSES }).notNull().default("open"),
    /** When it goes: the end of the gather delay or of the grouping window. */
    sendAt: integer("send_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    /** Kind-specific facts (a digest's period, a disabled hook's id): JSON object. */
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
  },
  (t) => [index("mails_user_kind_idx").on(t.userId, t.kind, t.sendAt), index("mails_unsent_idx").on(t.sendAt).where(sql`status IN ('open', 'sending')`)],
);

/**
 * One event to one target: an email to a user (through a `mails` row) or a POST to a webhook.
 * Unique per (event, channel, target), so a retried job never delivers twice.
 */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** X-Amanah-Delivery: random, the same on every attempt of this delivery. */
    uid: text("uid").notNull().unique().default(sql`(lower(hex(randomblob(16))))`),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id),
    channel: text("channel", { enum: DELIVERY_CHANNELS }).notNull(),
    /** `user:<id>` or `hook:<id>`. */
    target: text("target").notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    hookId: integer("hook_id").references(() => webhooks.id),
    mailId: integer("mail_id").references(() => mails.id),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    firstAttemptAt: integer("first_attempt_at", { mode: "timestamp_ms" }),
    lastAttemptAt: integer("last_attempt_at", { mode: "timestamp_ms" }),
    /** Webhooks: the last answer's HTTP status (null: no answer) and how long it took. */
    responseCode: integer("response_code"),
    durationMs: integer("duration_ms"),
    error: text("error"),
    /** Webhooks: the body as first sent, so every retry sends the same bytes. */
    body: text("body"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("deliveries_event_channel_target_uq").on(t.eventId, t.channel, t.target),
    index("deliveries_hook_idx").on(t.hookId, t.id),
    index("deliveries_mail_idx").on(t.mailId),
    index("deliveries_pending_idx").on(t.createdAt).where(sql`status = 'pending'`),
  ],
);

/**
 * Demo only: what the demo's local SMTP server received (scripts/mailbox.ts), for /admin/outbox.
 * Nothing in production writes here.
 */
export const demoMailbox = sqliteTable("demo_mailbox", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
  messageId: text("message_id"),
  from: text("from_addr").notNull(),
  to: text("to_addr").notNull(),
  subject: text("subject").notNull(),
  html: text("html"),
  text: text("text"),
  /** The headers that matter for review (List-Unsubscribe …): JSON object. */
  headers: text("headers", { mode: "json" }).$type<Record<string, string>>().notNull().default(sql`'{}'`),
  bytes: integer("bytes").notNull(),
});
