/** Titles and rationales of the takeover flags (governance, GUIDE-OFFICIAL), for the review screens. */
import { takeoverRule, type TakeoverSignalKind } from "./takeover";

type Text = { ar: string; en: string };

const RATIONALE: Text = {
  ar: "يطلب دليل الاسترشاد حماية الحسابات الرسمية من الاختراق: تغيّر مفاجئ في هوية الحساب أو نشاطه قد يعني أن غير الجهة يتحكم فيه. تحقّق مع أمين الحساب فورًا.",
  en: "The guidance guide asks entities to protect official accounts from takeover: a sudden change of the account's identity or activity may mean someone else controls it. Check with the account's custodian at once.",
};

const TITLES: Record<TakeoverSignalKind, Text> = {
  "handle-change": { ar: "تغيّر معرّف الحساب الرسمي", en: "Official account's handle changed" },
  "display-name-change": { ar: "تغيّر اسم العرض للحساب الرسمي", en: "Official account's display name changed" },
  "bio-crypto": { ar: "النبذة تعرض عملات رقمية أو جوائز", en: "Bio now offers crypto or a giveaway" },
  "bio-new-domain": { ar: "النبذة تشير إلى نطاق جديد", en: "Bio links to a new domain" },
  burst: { ar: "دفعة منشورات غير معتادة", en: "Unusual burst of posts" },
  "new-hours": { ar: "نشر في ساعات لم يُستخدم فيها الحساب", en: "Posting at hours never used" },
  "new-language": { ar: "نشر بلغة لم يستخدمها الحساب", en: "Posting in a language never used" },
  "mass-deletion": { ar: "حذف جماعي للمنشورات", en: "Mass deletion of posts" },
};

/** Rule id → title and rationale, for every takeover signal. */
export const TAKEOVER_RULES: Record<string, { title: Text; rationale: Text }> = Object.fromEntries(
  (Object.keys(TITLES) as TakeoverSignalKind[]).map((s) => [takeoverRule(s), { title: TITLES[s], rationale: RATIONALE }]),
);
