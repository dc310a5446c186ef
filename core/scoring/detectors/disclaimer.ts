/**
 * Bio checks for personal (executive / employee) accounts: disclaimer present, official title or
 * official contact shown. Patterns run on normalised text (folded: ة→ه, أ→ا, repeated letters
 * collapsed: جهة → جه, المؤسسة → المؤسه, رأيي → راي), so they are written in folded form.
 */
import { normalize, type Normalized } from "../normalize";

const DISCLAIMER = [
  /(الاراء|اراء|اراي|اراي|راي|تغريداتي|التغريدات|تغريدات|منشوراتي|المنشورات|ما انشره|ما اكتبه|ما يكتب|كل ما)[^.\n]{0,40}(تمثلني|يمثلني|تعبر عني|يعبر عني|تعبر عن راي|يعبر عن راي|شخصيه|تخصني)/,
  /حساب شخصي/,
  /(الحساب|حسابي|هذا الحساب) (شخصي|يمثلني)/,
  /(لا|ولا) (تمثل|يمثل|تعبر عن|يعبر عن)[^.\n]{0,25}(جه|جهتي|عملي|الجه|المؤسه|الوزاره)/,
  /(تعبر|يعبر) عن (راي|وجه نظري)( الشخصي| فقط)?\s*([.،,|\n]|$)/,
  /(تمثلني|يمثلني) فقط/,
  /راي الشخصي/,
  /(views|opinions|tweets|posts|thoughts)[^.\n]{0,30}(my own|are mine|mine only|are personal|personal only|do not represent|don't represent|dont represent|not represent)/,
  /(my own|personal) (views|opinions)/,
  /(views|opinions) (are )?(my own|mine)\b/,
  /personal (account|page|profile)/,
  /\b(rts?|retwets?|retweets?|likes)[^.\n]{0,12}(endorsements?|≠)/,
];

const TITLE = /(وزير|وكيل|وكيل مساعد|مدير|مديره|مدير عام|رئيس|رئيسه|مستشار|مستشاره|الناطق الرسمي|ناطق رسمي|متحدث رسمي|المتحدث الرسمي|عضو مجلس|سفير|قايم باعمال|minister|undersecretary|under secretary|director|head of|spokesperson|spokesman|advis[eo]r|chief|ceo|president|chairman|ambassador|deputy|assistant secretary)/;
const ENTITY = /(وزاره|بوزاره|الوزاره|هيئه|بهيئه|الهيئه|ديوان|بديوان|مجلس|بمجلس|جهاز|بجهاز|محافظه|بلديه|حكومه|الحكومه|ministry|authority|council|government|gov\.bh|governorate|directorate|agency)/;

export function hasDisclaimer(norm: Normalized): boolean {
  const t = norm.text;
  for (const re of DISCLAIMER) if (re.test(t)) return true;
  return false;
}

/** The same check on raw text (the governance module's bio control uses this). */
export function textHasDisclaimer(text: string): boolean {
  return text.length > 0 && hasDisclaimer(normalize(text));
}

/** Normalised [start, end) of an official title shown together with a government body, if any. */
export function findOfficialTitle(norm: Normalized): [number, number] | null {
  const t = norm.text;
  const m = TITLE.exec(t);
  if (!m || !ENTITY.test(t)) return null;
  return [m.index, m.index + m[0].length];
}
