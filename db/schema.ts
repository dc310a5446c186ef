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
  CATEGORIES,
  CREDENTIAL_CUSTODY,
  ENTITY_KINDS,
  FETCH_KINDS,
  FETCH_OUTCOMES,
  FLAG_STATUSES,
  PLATFORMS,
  REGISTRY_STATUSES,
  REVIEW_DECISIONS,
  ROLES,
  SEVERITIES,
  TOKEN_SCOPES,
  TWO_FACTOR,
  type EvidenceSpan,
} from "../core/enums";

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

/** Failed sign-ins, for throttling by email and by client address. */
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("login_attempts_email_idx").on(t.email, t.at), index("login_attempts_ip_idx").on(t.ip, t.at)],
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
