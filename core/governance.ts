/**
 * Governance controls of the guidance guide (design §1 GUIDE-*), evaluated from the registry and
 * the last profile read. Pure: used by the app, the rollups, the workers and the reports.
 */
import { findWorkEmails, hasDisclaimer as scorerHasDisclaimer, isWorkDomain as scorerIsWorkDomain } from "./scoring/bio";
import type { AccountClass, AccountStatus, CredentialCustody, RegistryStatus, TwoFactor } from "./enums";

export type GuideClause = "GUIDE-OFFICIAL" | "GUIDE-EXEC" | "GUIDE-EMPLOYEE";

export interface GovernanceAccount {
  class: AccountClass;
  status: AccountStatus;
  registryStatus: RegistryStatus;
  verified: boolean | null;
  verificationRequested: boolean;
  bio: string | null;
  linkedOfficialAccountId: number | null;
  managedBy: string | null;
  handoverPlan: string | null;
  lastPostAt: Date | null;
}

export interface GovernanceOwner {
  custodianName: string | null;
  custodianEmail: string | null;
  backupName: string | null;
  backupEmail: string | null;
  credentialCustody: CredentialCustody;
  twoFactor: TwoFactor;
  recoveryContact: string | null;
  attestedAt: Date | null;
}

export interface ControlResult {
  id: string;
  clause: GuideClause;
  met: boolean;
  title: { ar: string; en: string };
}

export const ATTESTATION_MAX_DAYS = 365;
export const DORMANT_AFTER_DAYS = 90;
const DAY = 86_400_000;

// Matching only: fold alef/hamza/yaa/taa-marbuta variants and drop tashkeel and tatweel.
function fold(s: string): string {
  return s
    .normalize("NFKC")
    .replace(/[\u064B-\u065F\u0670\u0640]/g, "")
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ى/g, "ي")
    .replace(/ة/g, "ه")
    .toLowerCase();
}

// Disclaimer and work-email logic live once, in the scoring library (the bio rules use them too).
export function hasDisclaimer(bio: string | null | undefined): boolean {
  return !!bio && scorerHasDisclaimer(bio);
}

/** A work address: any *.gov.bh host or one of the entity's own email domains (exact or sub-domain). */
export function isWorkDomain(host: string, entityDomains: readonly string[]): boolean {
  return scorerIsWorkDomain(host, entityDomains);
}

export function workEmailsIn(text: string | null | undefined, entityDomains: readonly string[]): string[] {
  if (!text) return [];
  return findWorkEmails(text, entityDomains);
}

function emailHost(email: string | null): string | null {
  const at = email?.lastIndexOf("@") ?? -1;
  return email && at > 0 ? email.slice(at + 1) : null;
}

const TITLE_WORDS = /(وزير|وكيل|مدير|رئيس|محافظ|امين عام|موظف في|minister|director|undersecretary|chief|governor|head of|at the ministry)/u;

export function showsOfficialTitle(bio: string | null | undefined): boolean {
  return !!bio && TITLE_WORDS.test(fold(bio));
}

function attestedRecently(owner: GovernanceOwner | null, now: Date): boolean {
  return !!owner?.attestedAt && now.getTime() - owner.attestedAt.getTime() <= ATTESTATION_MAX_DAYS * DAY;
}

function c(id: string, clause: GuideClause, met: boolean, ar: string, en: string): ControlResult {
  return { id, clause, met, title: { ar, en } };
}

export interface GovernanceInput {
  account: GovernanceAccount;
  owner: GovernanceOwner | null;
  entityDomains: readonly string[];
  now: Date;
}

export function evaluateControls({ account, owner, entityDomains, now }: GovernanceInput): ControlResult[] {
  const official = (email: string | null) => {
    const host = emailHost(email);
    return !!host && isWorkDomain(host, entityDomains);
  };
  if (account.class === "official") {
    const K = "GUIDE-OFFICIAL" as const;
    const dormant =
      account.status === "dormant" ||
      (!!account.lastPostAt && now.getTime() - account.lastPostAt.getTime() > DORMANT_AFTER_DAYS * DAY);
    return [
      c("gov.official.custodian", K, !!owner?.custodianName && official(owner.custodianEmail), "أمين حساب مسمّى ببريد رسمي", "Named custodian with an official email"),
      c("gov.official.backup", K, !!owner?.backupName && !!owner.backupEmail, "أمين احتياطي", "Backup custodian"),
      c("gov.official.credentials", K, owner?.credentialCustody === "password_manager" || owner?.credentialCustody === "sealed_envelope", "حفظ بيانات الدخول بطريقة معتمدة", "Credentials held in approved custody"),
      c("gov.official.2fa", K, owner?.twoFactor === "hardware_key" || owner?.twoFactor === "authenticator_app", "التحقق بخطوتين (تطبيق أو مفتاح)", "Two-factor authentication (app or key)"),
      c("gov.official.recovery", K, official(owner?.recoveryContact ?? null), "بريد الاسترداد على نطاق رسمي", "Recovery contact on an official domain"),
      c("gov.official.attestation", K, attestedRecently(owner, now), "إقرار سنوي ساري", "Yearly attestation up to date"),
      c("gov.official.active", K, account.status === "active" && !dormant, "الحساب نشط وغير خامل", "Active, not dormant"),
      c("gov.official.verified", K, !!account.verified || account.verificationRequested, "موثّق أو طُلب توثيقه", "Verified or verification requested"),
    ];
  }
  if (account.class === "executive") {
    const K = "GUIDE-EXEC" as const;
    return [
      c("gov.exec.registered", K, account.registryStatus === "registered", "مسجّل لدى الجهة", "Registered with the entity"),
      c("gov.exec.linked", K, account.linkedOfficialAccountId !== null, "مرتبط بالحساب الرسمي للجهة", "Linked to the entity's official account"),
      c("gov.exec.disclaimer", K, hasDisclaimer(account.bio), "إخلاء مسؤولية في النبذة", "Disclaimer in the bio"),
      c("gov.exec.managed-by", K, !!account.managedBy, "تسجيل من يدير الحساب", "Who manages it is recorded"),
      c("gov.exec.attestation", K, attestedRecently(owner, now), "إقرار سنوي ساري", "Yearly attestation up to date"),
      c("gov.exec.handover", K, !!account.handoverPlan, "خطة تسليم عند نهاية المنصب", "Handover plan for the end of term"),
    ];
  }
  const K = "GUIDE-EMPLOYEE" as const;
  const disclaimer = hasDisclaimer(account.bio);
  return [
    c("gov.employee.disclaimer", K, disclaimer, "إخلاء مسؤولية في النبذة", "Disclaimer in the bio"),
    c("gov.employee.title", K, disclaimer || (!showsOfficialTitle(account.bio) && workEmailsIn(account.bio, entityDomains).length === 0), "لا مسمّى أو تواصل رسمي دون إخلاء مسؤولية", "No official title or contact without a disclaimer"),
    c("gov.employee.work-email", K, workEmailsIn(account.bio, entityDomains).length === 0 && !official(owner?.recoveryContact ?? null), "لا بريد عمل في الحساب الشخصي", "No work email on the personal account"),
  ];
}

export function failingControls(input: GovernanceInput): ControlResult[] {
  return evaluateControls(input).filter((r) => !r.met);
}

/** How much of the ownership record is filled in (what the registry asks for this class). */
export function ownershipCompleteness(owner: GovernanceOwner | null, accountClass: AccountClass): { met: number; total: number } {
  const fields =
    accountClass === "official"
      ? [
          owner?.custodianName,
          owner?.custodianEmail,
          owner?.backupName,
          owner?.backupEmail,
          owner && owner.credentialCustody !== "unknown",
          owner && owner.twoFactor !== "unknown",
          owner?.recoveryContact,
          owner?.attestedAt,
        ]
      : [owner?.custodianName, owner?.custodianEmail, owner && owner.twoFactor !== "unknown", owner?.attestedAt];
  return { met: fields.filter(Boolean).length, total: fields.length };
}

/** An accounts row as SQLite returns it (camelCase aliases; booleans as 0/1). */
export interface GovernanceAccountRow {
  class: AccountClass;
  status: AccountStatus;
  registryStatus: RegistryStatus;
  verified: number | boolean | null;
  verificationRequested: number | boolean;
  bio: string | null;
  linkedOfficialAccountId: number | null;
  managedBy: string | null;
  handoverPlan: string | null;
}

export function governanceAccount(a: GovernanceAccountRow, lastPostAt: number | null): GovernanceAccount {
  return {
    class: a.class,
    status: a.status,
    registryStatus: a.registryStatus,
    verified: a.verified === null ? null : !!a.verified,
    verificationRequested: !!a.verificationRequested,
    bio: a.bio,
    linkedOfficialAccountId: a.linkedOfficialAccountId,
    managedBy: a.managedBy,
    handoverPlan: a.handoverPlan,
    lastPostAt: lastPostAt === null ? null : new Date(lastPostAt),
  };
}
