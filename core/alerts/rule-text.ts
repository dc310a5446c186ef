/**
 * The title and rationale of a flag's rule in both languages: the scoring policy's rules, plus the
 * governance rules the workers and the registry raise themselves (not in the policy file).
 */
import { RULE_BY_ID } from "../scoring/policy";
import { TAKEOVER_RULES } from "../impersonation/rules";

export interface RuleText {
  title: { ar: string; en: string };
  rationale: { ar: string; en: string };
}

/** Rules raised outside the scorer. The dashboard's rule table and alert emails share them. */
export const GOVERNANCE_RULES: Readonly<Record<string, RuleText>> = {
  "gov.controls": {
    title: { ar: "ضوابط الحساب الرسمي غير مستوفاة", en: "Official-account controls not met" },
    rationale: {
      ar: "يطلب دليل الاسترشاد ضوابط للحسابات الرسمية: أمين حساب مسمّى، أمين احتياطي، حفظ بيانات الدخول، التحقق بخطوتين، إقرار سنوي.",
      en: "The guidance guide asks official accounts for a named custodian, a backup, credential custody, two-factor authentication and a yearly attestation.",
    },
  },
  "gov.official.handle-vanished": {
    title: { ar: "اختفى معرّف حساب رسمي", en: "An official account's handle vanished" },
    rationale: {
      ar: "أكدت المنصة أن المعرّف لم يعد موجودًا. قد يسجّله غيرُ الجهة وينتحل صفتها؛ يطلب دليل الاسترشاد حماية الحسابات الرسمية واستمراريتها.",
      en: "The platform confirmed the handle no longer exists. Someone else may register it and impersonate the entity; the guidance guide asks that official accounts be protected and kept continuous.",
    },
  },
  // The impersonation watch's takeover signals (gov.official.takeover.*).
  ...TAKEOVER_RULES,
};

/** Title and rationale of a rule id; an unknown id is its own title with no rationale. */
export function ruleText(ruleId: string): RuleText {
  const r = RULE_BY_ID.get(ruleId);
  if (r) return { title: r.title, rationale: r.rationale };
  return GOVERNANCE_RULES[ruleId] ?? { title: { ar: ruleId, en: ruleId }, rationale: { ar: "", en: "" } };
}
