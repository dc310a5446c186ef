/**
 * The domain's closed vocabularies (design §1 and §3): platforms, account classes and statuses,
 * roles, severities, categories, review decisions, fetch outcomes. Pure; the schema, connectors,
 * scorer and screens all take them from here.
 */
export const PLATFORMS = [
  "x",
  "instagram",
  "facebook",
  "youtube",
  "mastodon",
  "bluesky",
  "rss",
] as const;
export type Platform = (typeof PLATFORMS)[number];

export const ACCOUNT_CLASSES = ["official", "executive", "employee"] as const;
export type AccountClass = (typeof ACCOUNT_CLASSES)[number];

export const ACCOUNT_STATUSES = [
  "active",
  "dormant",
  "not_found",
  "suspended",
  "auth_failed",
  "archived",
  /** The holder hides the posts from the public (X "protected"): not gone, posts not deleted. */
  "protected",
] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Where the account stands in the registry (separate from what the platform says). */
export const REGISTRY_STATUSES = ["registered", "pending", "archived"] as const;
export type RegistryStatus = (typeof REGISTRY_STATUSES)[number];

export const ROLES = ["csb_admin", "csb_analyst", "entity_director", "entity_reviewer"] as const;
export type Role = (typeof ROLES)[number];

export const ENTITY_KINDS = ["ministry", "authority", "council", "agency", "governorate", "other"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CATEGORIES = [
  "offensive",
  "hate",
  "obscene",
  "personal-data",
  "confidential",
  "disclaimer",
  "work-email",
  "governance",
] as const;
export type Category = (typeof CATEGORIES)[number];

export const FLAG_STATUSES = ["open", "confirmed", "dismissed"] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

export const CREDENTIAL_CUSTODY = ["password_manager", "sealed_envelope", "shared_informally", "unknown"] as const;
export type CredentialCustody = (typeof CREDENTIAL_CUSTODY)[number];

export const TWO_FACTOR = ["hardware_key", "authenticator_app", "sms", "none", "unknown"] as const;
export type TwoFactor = (typeof TWO_FACTOR)[number];

export const REVIEW_DECISIONS = ["confirm", "dismiss", "escalate"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Where a flag's evidence sits: UTF-16 offsets into the original text. */
export interface EvidenceSpan {
  start: number;
  end: number;
  text: string;
}

/** A look-alike account's review state (impersonation watch): open until a reviewer decides. */
export const CANDIDATE_STATUSES = ["open", "impostor", "benign", "ours"] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];
/** The review page's views of the candidates. */
export const CANDIDATE_VIEWS = ["open", "decided", "all"] as const;
export type CandidateView = (typeof CANDIDATE_VIEWS)[number];

/** Profile fields whose changes are kept (takeover signals read them). */
export const PROFILE_FIELDS = ["handle", "display_name", "bio", "links"] as const;
export type ProfileFieldName = (typeof PROFILE_FIELDS)[number];

export const WATCH_OUTCOMES = ["running", "ok", "partial", "error"] as const;
export type WatchOutcome = (typeof WATCH_OUTCOMES)[number];

export const FETCH_KINDS = ["posts", "profile", "recheck"] as const;
export const FETCH_OUTCOMES = [
  "running",
  "ok",
  "rate_limited",
  "auth_failed",
  "not_found",
  "transient",
  "bad_response",
  "error",
] as const;

/** What a personal API token may do: score drafts (`check`) or read the dashboard's data (`read`). */
export const TOKEN_SCOPES = ["check", "read"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

// ---- alerts (docs/alerts.md) ------------------------------------------------------------------

/** What happened, as the outbox (`events`) records it and webhooks name it (X-Amanah-Event). */
export const EVENT_TYPES = ["flag.created", "flag.overdue", "account.vanished", "account.renamed", "fetch.failing", "report.ready", "impersonation.suspected", "account.takeover_suspected"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Where a delivery goes: an email to a user, or a POST to a webhook. */
export const DELIVERY_CHANNELS = ["email", "webhook"] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** pending → sent | failed (gave up) | skipped (no longer wanted or no longer visible). */
export const DELIVERY_STATUSES = ["pending", "sent", "failed", "skipped"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One email: alerts (grouped), the daily digest, a weekly report, a disabled webhook's notice. */
export const MAIL_KINDS = ["alert", "digest", "report", "hook_disabled"] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** open (still gathering) → sending → sent | failed | skipped (nothing left to say). */
export const MAIL_STATUSES = ["open", "sending", "sent", "failed", "skipped"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
