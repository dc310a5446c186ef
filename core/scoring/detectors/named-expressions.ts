/**
 * Fixed names of holy sites, denominations and religious institutions, hidden from the classifier
 * (never a hit, never hidden from the group-hate detector or the lexicon). Read word by word they
 * carry the associations of the tweets the classifier learned from (الحرام "forbidden", أتباع
 * "followers" of a sect in sectarian abuse), so a respectful mention in an official post (حجاج
 * بيت الله الحرام, أهل السنة والجماعة وأتباع المذهب الجعفري) reads as hostile. Only proper names
 * and the formal phrasing of a denomination belong here: what is said *about* the group named
 * is still read by the classifier and by the group-hate detector.
 */
import { normalize, type Normalized } from "../normalize";
import { HashFilter, type Tokens } from "../tokens";

/**
 * Names of countries, cities and their peoples. The Arabic training tweets date from the Gulf
 * crisis and its media war: alone, "قطر" scored P(offensive) 0.57, "قطري" 0.71, "الجزيرة" 0.80,
 * "الدوحة" 0.27 and "البحرين" 0.21, so every post about an official visit to Doha or a ferry to an
 * island leaned towards a flag. A place or a people named is never an insult in itself; what is
 * said about them is still read by the classifier, and the group-hate detector and the lexicon
 * ("يا هندي", "كلاب ايران") see the whole text.
 */
export const PLACE_NAMES = [
  "البحرين", "مملكة البحرين", "قطر", "السعودية", "الإمارات", "الكويت", "عمان", "مصر", "الأردن", "العراق", "اليمن",
  "سوريا", "سورية", "لبنان", "فلسطين", "إيران", "تركيا", "المغرب", "الجزائر", "تونس", "ليبيا", "السودان",
  "الهند", "باكستان", "بنغلاديش", "الفلبين", "أمريكا", "أميركا", "بريطانيا", "روسيا", "الصين", "إسرائيل",
  "المنامة", "المحرق", "الرياض", "الدوحة", "دبي", "أبوظبي", "مسقط", "جدة", "طهران", "القاهرة", "بغداد",
  "دمشق", "بيروت", "الجزيرة", "جزيرة",
  ...["بحريني", "قطري", "سعودي", "إماراتي", "كويتي", "عماني", "مصري", "أردني", "عراقي", "يمني", "سوري",
    "لبناني", "فلسطيني", "إيراني", "تركي"].flatMap((d) => [d, d + "ة", "ال" + d, "ال" + d + "ة", "ال" + d + "ين", "ال" + d + "ون", d + "ين"]),
];

export const NAMED_EXPRESSIONS = [
  // Holy sites.
  "المسجد الحرام", "بيت الله الحرام", "الحرم المكي", "الحرم النبوي", "المسجد النبوي", "المسجد الأقصى",
  // Denominations by their formal names, and their schools of law.
  "أهل السنة والجماعة", "أتباع المذهب", "المذهب الجعفري", "الفقه الجعفري", "المذهب السني", "المذهب المالكي",
  "المذهب الشافعي", "المذهب الحنبلي", "المذهب الحنفي", "المذاهب الإسلامية",
  // Bahrain's religious institutions.
  "إدارة الأوقاف الجعفرية", "الأوقاف الجعفرية", "إدارة الأوقاف السنية", "الأوقاف السنية", "المجلس الأعلى للشؤون الإسلامية",
  // Countries, cities and peoples of the region (see PLACE_NAMES).
  ...PLACE_NAMES,
];
/** A conjunction or preposition the first word may carry (وأتباع المذهب, بالمسجد الحرام, للمسجد). */
const PREFIXES = ["و", "ب", "ل", "ف", "وب", "ول"];

const byHead = new Map<string, string[][]>();
for (const e of NAMED_EXPRESSIONS) {
  const words = normalize(e).text.split(" ").filter((w) => w !== "");
  const first = e.split(" ")[0];
  const forms = [...PREFIXES.map((p) => p + first)];
  if (first.startsWith("ال")) forms.push("لل" + first.slice(2), "ولل" + first.slice(2));
  // Each form as the normaliser folds it (it reads للمسجد as لمسجد).
  const heads = new Set([words[0], ...forms.map((f) => normalize(f).text)]);
  for (const h of heads) {
    const list = byHead.get(h) ?? [];
    list.push(words.slice(1));
    byHead.set(h, list);
  }
}
const headFilter = new HashFilter(byHead.keys());

/**
 * Mark the tokens of every named expression in `mask` (1 = hidden from the classifier). Returns
 * how many tokens it marked.
 */
export function maskNamedExpressions(norm: Normalized, tk: Tokens, mask: Uint8Array): number {
  let marked = 0;
  for (let i = 0; i < tk.count; i++) {
    if (!headFilter.has(tk.hash[i])) continue;
    const tails = byHead.get(norm.text.slice(tk.start[i], tk.end[i]));
    if (tails === undefined) continue;
    for (const rest of tails) {
      if (i + rest.length >= tk.count) continue;
      let ok = true;
      for (let k = 0; k < rest.length && ok; k++) ok = norm.text.slice(tk.start[i + 1 + k], tk.end[i + 1 + k]) === rest[k];
      if (!ok) continue;
      for (let k = 0; k <= rest.length; k++) {
        if (mask[i + k] === 0) marked++;
        mask[i + k] = 1;
      }
    }
  }
  return marked;
}
