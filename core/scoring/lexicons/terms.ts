/**
 * Curated lexicons (see ../README.md for provenance). Terms are written naturally; they are folded
 * with the same normaliser as the text before matching, so spelling variants (ة/ه, أ/ا, ى/ي,
 * elongation, diacritics) need not be listed.
 *
 * mode "always": the word is abusive in itself (suffixed forms such as كسمك also match).
 * mode "vocative": the word has neutral uses (كلب = dog); it counts only when aimed at someone:
 *   after يا / انت / you (optionally through "ابن", "a", "dirty" …), as ابن الكلب, or كلب ابن كلب.
 */

export type LexCategory = "obscene" | "insult" | "hate" | "incitement";
export interface LexEntry {
  term: string;
  category: LexCategory;
  mode: "always" | "vocative";
}

const always = (category: LexCategory, terms: string[]): LexEntry[] => terms.map((term) => ({ term, category, mode: "always" }));
const vocative = (category: LexCategory, terms: string[]): LexEntry[] => terms.map((term) => ({ term, category, mode: "vocative" }));

export const LEXICON: LexEntry[] = [
  // Obscene / sexual (COC-5). Own curation: common MSA, Gulf and Levantine/Egyptian vulgarities.
  ...always("obscene", [
    "شرموطة", "شرموط", "شراميط", "قحبة", "قحاب", "قحبه", "كس", "كسمك", "كسختك", "كس امك", "كس اختك", "كسم",
    "زب", "زبي", "زبر", "طيز", "طيزك", "طيزها", "طياز", "نيك", "نيكه", "انيك", "انيكك", "ينيك", "نايك", "ناكها",
    "منيوك", "منيوكة", "منايك", "مناكيك", "متناك", "متناكة", "متناكين", "مناكية", "عاهرة", "عاهر", "عاهرات", "لبوة",
    "مومس", "لوطي", "خول", "معرص", "معرصين", "ديوث", "ديايثة", "قواد", "شاذ جنسيا", "خنيث", "مخنث", "مخانيث",
    "fuck", "fucking", "fucked", "fucker", "motherfucker", "fck", "fuk", "fuking", "shit", "bullshit", "bitch",
    "bitches", "cunt", "dick", "dickhead", "pussy", "whore", "slut", "asshole", "cock", "wanker", "porn", "nudes",
    "sharmoota", "sharmota", "a7a", "kos omak", "kosomak", "kuss", "manyak", "manyook",
  ]),
  // Insults that are abusive in themselves (COC-2). Own curation.
  ...always("insult", [
    "حقير", "حقيرة", "حقراء", "حقيرين", "وسخين", "قذرين", "واطي", "واطية",
    "سافل", "سافلة", "سفلة", "سفله", "منحط", "منحطين", "نذل", "انذال", "خسيس", "خسيسة", "معفنين", "حثالة",
    "ابن الحرام", "ولد الحرام", "ابن الكلب", "بنت الكلب", "عيال الكلب", "اولاد الكلب", "ولاد الكلب",
    "عديم الشرف", "عديم الاخلاق", "قليل الادب", "قليلة الادب", "قليلين الادب", "قليل الحيا", "ابن ستين",
    "الله يلعنك", "الله يلعنكم", "يلعن ابوك", "يلعن ابوكم", "يلعن امك", "يلعن دينك", "يلعن شكلك", "لعنة الله عليك",
    "لعنة الله عليكم", "تفو عليك", "تفو عليكم", "تفو", "اتفو", "خرا عليك", "يا خرا", "اغبياء", "حمقى",
    // Curses at the person addressed (at a group: hate-patterns.ts). Not "الله ياخذك": in the Gulf
    // it is as often fond ("الله ياخذك يا فيصل يا حبيبي", OSACT, not offensive).
    "الله يقطعك", "الله يقطعكم", "الله يهلكك", "الله يهلككم",
    "الله يحرقك", "الله يحرقكم", "الله لا يوفقك", "الله لا يوفقكم", "عساك تموت", "الله يقطع لسانك", "قطع الله لسانك",
    "idiot", "idiots", "moron", "morons", "dumbass", "imbecile", "scumbag", "scum", "jackass", "retard", "retarded",
    "go to hell", "shut up", "piece of shit", "son of a bitch",
  ]),
  // Neutral-in-themselves words that insult when aimed at someone (COC-2).
  ...vocative("insult", [
    "كلب", "كلاب", "كلبة", "حمار", "حمير", "حمارة", "خنزير", "خنازير", "حيوان", "حيوانات", "بهيمة", "بهايم",
    "بقرة", "بقر", "تيس", "قرد", "قرود", "قردة", "جحش", "ثور", "ثيران", "زق", "خايس", "خايسين", "رخيص", "رخيصة",
    "جاهل", "جاهلة", "جهلة", "كذاب", "كذابين", "حرامي", "حرامية", "خاين", "خونة", "مرتزقة", "عبيد", "وسخ", "وسخة",
    "زبالة", "قذر", "قذرة", "معفن", "جزمة", "صرماية", "غبي", "غبية", "اهبل", "هبلة", "متخلف", "متخلفين", "متخلفة",
    "احمق", "تافه", "تافهين", "صغير",
    "dog", "dogs", "pig", "pigs", "donkey", "animal", "animals", "monkey", "rat", "snake", "trash", "stupid",
    "liar", "traitor", "clown", "loser",
  ]),
  // Sectarian, religious, ethnic and political slurs (COC-6). Own curation of well-known slurs.
  ...always("hate", [
    "روافض", "رافضي", "رافضية", "رافضة", "نواصب", "ناصبي", "ناصبية", "مجوس", "مجوسي", "صفوي", "صفويين", "صفوية",
    "صفاينة", "عباد القبور", "احفاد القردة والخنازير", "اخونجي", "اخونجية", "اخوانجي", "اخوانجية", "زنجي", "زنوج",
    "عبيد ايران", "ذيول ايران", "كلاب ايران", "كلاب النار", "حمساوي",
    "kafir", "kuffar", "raghead", "towelhead", "nigger", "niggers", "kike", "infidel dogs",
  ]),
  // Religion or origin used as an insult (يا شيعي، يا يهودي، يا هندي): only when aimed at someone.
  ...vocative("hate", [
    "شيعي", "سني", "يهودي", "يهود", "نصراني", "كافر", "كفار", "ملحد", "مشرك", "مشركين", "صهيوني", "فارسي",
    "بدو", "هندي", "بنغالي", "افارقة", "عجم", "jew", "terrorist",
  ]),
  // Calls to violence against a group (COC-6, critical). Own curation.
  ...always("incitement", [
    "اقتلوهم", "اقتلوا", "اذبحوهم", "اذبحوا", "احرقوهم", "اسحقوهم", "ابيدوهم", "اعدموهم", "اطردوهم", "اسحلوهم",
    "الموت لل*", "الموت لامريكا", "الموت لاسرائيل", "الموت للشيعة", "الموت للسنة", "يجب قتلهم", "لازم يموتون",
    "لازم ينذبحون", "يستاهلون الذبح", "يستاهلون الحرق", "حرق بيوتهم", "تطهير البلد منهم", "ابادتهم",
    "kill them", "kill them all", "death to", "burn them", "gas them", "hang them", "shoot them", "wipe them out",
  ]),
];

/**
 * Innocent words that share most letters with an obscenity or insult (معرض "exhibition" and معرص),
 * so the classifier's character n-grams misread them: hidden from the classifier, never a hit.
 * `after`: only in these phrases (بيت الله الحرام, not ابن الحرام).
 */
export const CONFUSABLES: { term: string; after?: string[] }[] = [
  { term: "معرض" }, { term: "معارض" }, { term: "معرضا" },
  { term: "الحرام", after: ["الله", "المسجد", "البلد", "الشهر", "البيت", "بيت", "الاشهر"] },
];

/** Words that aim the next word at someone ("يا كلب", "انت حمار", "you pig"). */
export const VOCATIVE_TRIGGERS = ["يا", "ايها", "ايتها", "انت", "انتي", "انتو", "انتم", "ya", "you", "ur", "u", "yo", "enta", "inta", "ente", "inti", "ya3"];
/**
 * Words after which a bare (indefinite) insult word is said of someone: a pronoun ("هم كلاب",
 * "هو حمار") or a demonstrative, alone or before a definite noun ("هذا حمار", "هذا الإعلامي
 * حمار", "هذول الناس كلاب"). A definite insult word after them ("هذه الكلاب مدربة") stays neutral.
 */
export const PRONOUN_TRIGGERS = ["هو", "هي", "هم", "هن", "هما"];
/**
 * The insult words that rule applies to: said of anything, they are said of a person. Not the
 * ones with a plain use as a predicate ("هذا البيت صغير", "هذا رخيص", "هذا حيوان أليف", "هذا الأكل
 * معفن"), nor religion or origin ("هو شيعي" is a fact).
 */
export const PREDICATE_INSULTS = [
  "كلب", "كلاب", "حمار", "حمير", "خنزير", "خنازير", "بهيمة", "بهايم", "تيس", "قرد", "قرود", "جحش",
  "كذاب", "كذابين", "حرامي", "حرامية", "خاين", "خونة", "مرتزقة", "غبي", "غبية", "اهبل", "هبلة", "متخلف",
  "متخلفين", "متخلفة", "احمق", "تافه", "تافهين", "جاهل", "جاهلة", "جهلة",
];
export const DEMONSTRATIVE_TRIGGERS = ["هذا", "هذه", "هذي", "هاذا", "هاذي", "هاذه", "هذول", "هذولا", "هذولي", "هاذول", "هاذولا", "هؤلاء", "هاؤلاء"];
/** Kinship words that make an insult ("ابن الكلب", "عيال الكلب"); the next word may carry ال. */
export const KIN_TRIGGERS = ["ابن", "بن", "بنت", "ولد", "اولاد", "ولاد", "عيال", "بنات", "يابن", "يابنت", "ibn"];
/** Words allowed between a trigger and the insult ("you are a pig", "انت مثل الحمار"). */
export const BRIDGE_WORDS = ["a", "an", "are", "re", "such", "dirty", "filthy", "stupid", "fat", "ugly", "little", "big", "the", "مثل", "زي", "كانك", "كانكم", "اكبر", "اكبر", "مجرد", "يا"];

/** Words naming a government body: an insult near one is also an offence against the body (COC-3). */
export const ENTITY_WORDS = [
  "وزارة", "الوزارة", "وزاره", "الوزير", "وزير", "الحكومة", "حكومة", "الحكومه", "هيئة", "الهيئة", "ديوان", "الديوان",
  "مجلس", "المجلس", "الجهة", "البلدية", "بلدية", "المحافظة", "النيابة", "الشرطة", "ministry", "minister",
  "government", "authority", "council", "municipality", "police",
];
