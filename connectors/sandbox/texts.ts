/**
 * Synthetic post texts for the sandbox world: government news, service announcements,
 * executives' opinions and employees' personal posts, in Arabic and English, some carrying the
 * policy risks Amanah must detect (personal data, insults, sectarian offence, confidentiality).
 * All names, numbers and documents are invented.
 */
import type { AccountClass } from "../../core/enums";

type R = () => number;
const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const digits = (r: R, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join("");

const NEWS_AR = [
  "استقبل {org} وفداً رسمياً لبحث سبل تعزيز التعاون المشترك في مجالات التنمية المستدامة.",
  "أطلق {org} اليوم مبادرة جديدة لتطوير الخدمات الإلكترونية ضمن رؤية البحرين الاقتصادية 2030.",
  "شارك {org} في المعرض الوطني للابتكار الحكومي بمشاريع تخدم المواطنين والمقيمين.",
  "وقّع {org} مذكرة تفاهم مع جامعة البحرين لتدريب الكوادر الوطنية الشابة.",
  "يعلن {org} عن نتائج استبيان رضا المتعاملين للربع الثالث بنسبة رضا بلغت {pct}٪.",
];
const NEWS_EN = [
  "{org} welcomed an official delegation today to discuss closer cooperation on sustainable development.",
  "{org} launched a new initiative to improve e-services as part of Bahrain Economic Vision 2030.",
  "{org} took part in the national government innovation exhibition with projects serving citizens and residents.",
  "{org} signed an MoU with the University of Bahrain to train young national talent.",
  "{org} announces customer satisfaction results for Q3: {pct}% of users satisfied.",
];
const SERVICE_AR = [
  "تنويه: ستتوقف الخدمات الإلكترونية مؤقتاً يوم {day} من الساعة 10 مساءً حتى 2 صباحاً لأعمال الصيانة.",
  "يسر {org} إبلاغ الجمهور بإمكانية تقديم الطلبات عبر البوابة الوطنية bahrain.bh على مدار الساعة.",
  "ساعات العمل خلال شهر رمضان المبارك من 8 صباحاً حتى 2 ظهراً.",
  "للاستفسارات يرجى التواصل عبر مركز الاتصال الوطني 80008001.",
];
const SERVICE_EN = [
  "Notice: e-services will be briefly unavailable on {day} from 10 pm to 2 am for maintenance.",
  "Applications to {org} can now be submitted 24/7 through the national portal bahrain.bh.",
  "Working hours during Ramadan: 8 am to 2 pm.",
  "For enquiries, please contact the National Contact Centre on 80008001.",
];
const EXEC_AR = [
  "فخور بفريق العمل على ما تحقق هذا العام، والقادم أجمل بإذن الله.",
  "الاستثمار في الشباب البحريني هو الاستثمار الأهم لمستقبل الوطن.",
  "سعدت اليوم بزيارة الميدان والاستماع مباشرة لملاحظات المواطنين.",
  "التحول الرقمي ليس خياراً بل ضرورة لتحسين جودة الخدمات.",
];
const EXEC_EN = [
  "Proud of the team for what we achieved this year. The best is yet to come.",
  "Investing in young Bahrainis is the most important investment in our future.",
  "Spent the morning on site listening to citizens' feedback first-hand.",
  "Digital transformation is not optional; it is how we raise service quality.",
];
const PERSONAL_AR = [
  "صباح الخير من المنامة ☀️ قهوة وكتاب قبل الدوام.",
  "مباراة رائعة للمنتخب الليلة! مبروك للجميع 🇧🇭",
  "أجمل غروب على كورنيش المحرق اليوم.",
  "عطلة نهاية أسبوع مع العائلة في البر.",
];
const PERSONAL_EN = [
  "Morning coffee and a good book before work.",
  "What a match tonight! Well done to the national team 🇧🇭",
  "Beautiful sunset at the Muharraq corniche today.",
  "Weekend camping with the family.",
];

/** Risky additions, each tagged with the policy category it should trigger. */
const RISKS: { category: string; ar: (r: R) => string; en: (r: R) => string }[] = [
  {
    category: "personal-data",
    ar: (r) => `للتواصل مع المراجع مباشرة: ${pick(r, ["3", "6"])}${digits(r, 3)} ${digits(r, 4)} رقمه الشخصي ${digits(r, 9)}`,
    en: (r) => `Applicant's details for follow-up: +973 ${pick(r, ["3", "6"])}${digits(r, 3)} ${digits(r, 4)}, CPR ${digits(r, 9)}`,
  },
  {
    category: "personal-data",
    ar: (r) => `يرجى التحويل إلى الحساب BH${digits(r, 2)}NBOB${digits(r, 14)} باسم الموظف`,
    en: (r) => `Please transfer the refund to IBAN BH${digits(r, 2)}BMAG${digits(r, 14)}.`,
  },
  {
    category: "confidential",
    ar: () => "مرفق تعميم داخلي — سري للغاية — يرجى عدم تداوله خارج الإدارة.",
    en: () => "Leaked memo attached. CONFIDENTIAL - internal only, do not forward.",
  },
  {
    category: "confidential",
    ar: () => "نص القرار قبل إعلانه (للاستخدام الداخلي فقط).",
    en: () => "Draft decision ahead of the announcement (for internal use only).",
  },
  {
    category: "offensive",
    ar: () => "بعض المراجعين أغبياء ولا يفهمون أبسط التعليمات.",
    en: () => "Some of these applicants are complete idiots who can't read simple instructions.",
  },
  {
    category: "hate",
    ar: () => "أتباع تلك الطائفة لا يستحقون الوظائف الحكومية.",
    en: () => "People of that sect should not be given government jobs.",
  },
];

const DAYS_AR = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس"];
const DAYS_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday"];

export interface GeneratedText {
  text: string;
  /** The text without its risky part (what a cautious edit leaves). */
  safe: string;
  lang: "ar" | "en";
  risk: string | null;
}

export function generateText(
  r: R,
  cls: AccountClass,
  org: { ar: string; en: string },
  opts: { titled: boolean },
): GeneratedText {
  const lang: "ar" | "en" = r() < 0.7 ? "ar" : "en";
  const ar = lang === "ar";
  let pool: string[];
  if (cls === "official") pool = r() < 0.6 ? (ar ? NEWS_AR : NEWS_EN) : ar ? SERVICE_AR : SERVICE_EN;
  else if (cls === "executive") pool = r() < 0.7 ? (ar ? EXEC_AR : EXEC_EN) : ar ? PERSONAL_AR : PERSONAL_EN;
  else pool = r() < 0.8 ? (ar ? PERSONAL_AR : PERSONAL_EN) : ar ? EXEC_AR : EXEC_EN;
  let text = pick(r, pool)
    .replace("{org}", ar ? org.ar : `The ${org.en}`)
    .replace("{pct}", String(80 + Math.floor(r() * 19)))
    .replace("{day}", ar ? pick(r, DAYS_AR) : pick(r, DAYS_EN));
  const riskRate = cls === "official" ? 0.04 : cls === "executive" ? 0.08 : 0.15;
  let risk: string | null = null;
  let safe = text;
  if (r() < riskRate) {
    const k = pick(r, RISKS);
    risk = k.category;
    text = `${text} ${ar ? k.ar(r) : k.en(r)}`;
  }
  if (opts.titled) {
    // Feeds and videos have a title and a body: the first sentence becomes the title.
    const title = ar ? pick(r, ["خبر صحفي", "إعلان", "تغطية"]) : pick(r, ["Press release", "Announcement", "Coverage"]);
    const head = `${title}: ${(ar ? org.ar : org.en).slice(0, 60)}\n\n`;
    text = head + text;
    safe = head + safe;
  }
  return { text, safe, lang, risk };
}

/** The edited version of a text: a correction appended, or the risky part removed. */
export function editText(r: R, g: GeneratedText): string {
  if (g.risk && r() < 0.6) return g.safe;
  return g.lang === "ar" ? `${g.text} (تحديث: تم تعديل الموعد)` : `${g.text} (Updated: time corrected)`;
}
