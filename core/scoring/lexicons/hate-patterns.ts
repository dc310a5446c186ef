/**
 * What is said about a group (see ./groups.ts), by function of hate speech, and the small words
 * that decide whether it is said (negation, counter-speech, reporting, reclaimed use). Our own
 * curation from general knowledge of Gulf Arabic, MSA and English; nothing is copied from a
 * dataset or from a test suite such as HateCheck.
 *
 * Positions (where the group sits relative to the pattern):
 * - pred: the group is the subject and the pattern its predicate (الشيعة خونة, "Muslims are vermin");
 * - pre: the pattern governs the group that follows (أكره النساء, "deport all immigrants");
 * - construct: an animal word in construct with the group (كلاب الروافض);
 * - pron: the pattern carries the group as a pronoun (اطردوهم); it needs a group named earlier;
 * - free: a call to violence that needs no group (احرقوا المبنى بمن فيه, "go out and smash").
 * `needs`: "modal" — only after a modal or a call (يجب، لازم، الحل، should, must, deserve …);
 * "subject" — English verbs need a first-person or imperative subject ("I hate", "kill all").
 */

export type PatternKind = "derogation" | "dehumanisation" | "takfir" | "exclusion" | "violence" | "hatred";
export type PatternPos = "pred" | "pre" | "construct" | "pron" | "free";
/** Which Arabic clitics the first word may carry (see detectors/group-hate.ts). */
export type Clitics = "noun" | "verb" | "masdar" | "none";

export interface PatternDef {
  kind: PatternKind;
  pos: PatternPos;
  lang: "ar" | "en";
  score: number;
  needs?: "modal" | "subject";
  clitics?: Clitics;
  terms: string[];
}

const P = (kind: PatternKind, pos: PatternPos, lang: "ar" | "en", score: number, terms: string[], extra: Partial<PatternDef> = {}): PatternDef => ({
  kind, pos, lang, score, terms, ...extra,
});

export const PATTERNS: PatternDef[] = [
  // ---------------------------------------------------------------- Arabic: derogation
  P("derogation", "pred", "ar", 0.82, [
    "خونة", "خونه", "خاينين", "خائنين", "خاينات", "خائنات", "خونا", "عملاء", "عميلة", "جواسيس", "ارهابيين", "ارهابيون", "ارهابيات", "دواعش",
    "داعشيين", "مجرمين", "مجرمون", "مجرمات", "لصوص", "حرامية", "حراميات", "سراق", "سراقين", "نصابين", "نصابات", "محتالين", "كذابين",
    "كذابون", "كذابات", "منافقين", "منافقون", "منافقات", "اغبياء", "اغبيا", "غبيات", "حمقى", "جهلة", "جهلاء", "متخلفين", "متخلفون",
    "متخلفات", "وسخين", "وسخات", "وصخين", "وصخات", "قذرين", "قذرون", "قذرات", "نجسين", "انجاس", "حقراء", "حقيرين", "حقيرات", "سفلة",
    "منحطين", "منحطات", "انذال", "خبثاء", "خبيثين", "خبيثات", "اشرار", "فاسدين", "فاسقين", "فاسقات", "فاجرات", "فجرة", "عاهرات",
    "شراميط", "همج", "همجيين", "متوحشين", "برابرة", "رعاع", "اوباش", "عالة", "كسالى", "مغتصبين", "متحرشين", "غدارين", "حاقدين",
    "حاقدات", "ملاعين", "ملعونين", "مقرفين", "مقرفات", "منحرفين", "عديمين الشرف", "عديمي الشرف", "بلا شرف", "بلا اخلاق",
    "ما عندهم شرف", "ما عندهم اخلاق", "ما عندهم دين", "ما لهم امان", "مالهم امان", "لا امان لهم", "ما ينوثق فيهم", "لا يؤتمنون",
    "اعداء الوطن", "اعداء الله", "اعداء الاسلام", "اعداء للاسلام", "اعداء", "العدو", "عدو", "خطر على البلد", "خطر على المجتمع",
    "سبب كل المشاكل", "سبب المشاكل", "خربوا البلد", "خربوا الديرة", "دمروا البلد", "سرقوا البلد", "ناقصات عقل", "ناقصات عقل ودين",
    "مكانهم المطبخ", "مكانها المطبخ", "مكانهن المطبخ", "ما ينفعون لشي", "ما ينفعن لشي", "ولاؤهم لايران", "ولاءهم لايران",
    "ولاؤهم مو للوطن", "ولاءهم لغير الوطن", "عبيد", "اوسخ", "اقذر", "احقر", "اغبى", "اخبث", "اسوا", "انجس", "اكذب", "اجبن", "اتفه",
    "اوقح", "اخس", "احط", "ارذل", "يقرفوني", "يقرفون", "يقرفونا", "ناقصة عقل", "ناقصة عقل ودين",
    "ما فيهم خير", "ما منهم خير", "ما منهم فايدة", "لا خير فيهم", "ما فيهم فايدة", "تكفيريين", "تكفيريون", "متطرفين", "طابور خامس",
    "ولاؤهم لايران", "ولاءهم لايران", "ولائهم لايران", "ولاؤهم لخامنئي", "ولاءهم لخامنئي", "ولاؤهم للخارج", "ولاءهم للخارج", "ولاؤهم لغير",
    "ولاءهم لغير", "ولاؤهم مو", "ولاءهم مو", "ولاؤهم مب", "ولاءهم مب", "ولاؤهم ليس", "ولاءهم ليس", "ولاؤهم للولي الفقيه",
    "ريحتهم", "رائحتهم", "ريحتهن", "خايسين", "خايسات", "ما يفهمون", "ما يفهمن", "ما يفقهون", "ما يعرفون شي", "ما يعرفون يسوقون",
    "ما يعرفن يسوقن", "ما يعرفون يسوقن", "ما عندهم عقل", "بلا عقل", "ناقصين عقل", "عقولهم صغيرة", "ما لهم الا البيت", "ما لهن الا البيت",
    "ما لهم الا المطبخ", "مكانهم البيت", "مكانها البيت", "مكانهن البيت", "مهربين", "مهربي مخدرات", "مروجين", "مروجي مخدرات",
    "تجار مخدرات", "نشالين", "مزورين", "شحاذين", "متسولين", "غشاشين", "دجالين", "حشاشين", "سكارى", "عبيد للغرب", "ذيول",
    "ولاء لايران", "ولاء لخامنئي", "ولاء للخارج", "عندهم ولاء ل", "ما يحبون البحرين", "ما يحبون الوطن", "ما يحبون البلد", "يكرهون البحرين",
    "يكرهون الوطن", "عملاء لايران", "خونة للوطن", "اصل كل شر", "اصل الشر", "سبب كل شر", "اصل البلا", "سبب البلا", "منبع الشر", "راس الشر",
    "ما يصلحون الا", "ما يصلحن الا", "ما ينفعون الا", "ما ينفعن الا", "لا يصلحون الا", "لا يصلحن الا",
    ...["ما يصلحون", "ما يصلحن", "لا يصلحون", "لا يصلحن", "ما ينفعون", "ما ينفعن", "غير مؤهلين", "غير مؤهلات", "ما يستاهلون", "ما يستاهلن"].flatMap(
      (h) => ["للقيادة", "للحكم", "للمناصب", "للادارة", "للمسؤولية", "للعمل", "للسياقة", "للتعليم"].map((o) => `${h} ${o}`),
    ),
    "ما له اصل", "ما لهم اصل", "بلا اصل", "ما عنده اصل", "ما عندهم اصل", "عديم الاصل", "عديمين الاصل", "ما يستحي", "ما يستحون",
    "ما لهم ولاء", "ما عندهم ولاء", "لا ولاء لهم", "بلا ولاء", "ما عندهم انتماء", "ولاؤهم ناقص", "ولاءهم ناقص",
    "دين ارهاب", "دين الارهاب", "دين قتل", "دين دموي", "دين شيطاني", "دين باطل", "دين الشيطان", "دين تخلف",
    "اوغاد", "تافهين", "تافهون", "تافهات", "مقززين", "مقززون", "مقززات", "نكرات", "حقيرون", "سفلة", "لئام", "اراذل", "جبناء",
    "جبانين", "انانيين", "حسودين", "مخادعين", "غشاشون", "مرتزقة", "بلطجية", "زعران", "عبء", "عبء على المجتمع", "عبء على البلد",
    "كارثة", "مصيبة", "شر مطلق", "مصدر خطر", "لا يستحقون الاحترام", "ما يستحقون الاحترام", "ما لهم قيمة", "بلا قيمة",
    // What they (supposedly) only know or bring: ما يعرفون إلا التكفير.
    ...["ما يعرفون الا", "ما يعرفون غير", "لا يعرفون الا", "ما عندهم الا", "ما عندهم غير", "ما يجيبون الا", "ما يجي منهم الا", "ما منهم الا"].flatMap(
      (h) => ["التكفير", "التفجير", "القتل", "الارهاب", "السرقة", "الكذب", "الغدر", "الخيانة", "الحقد", "الفساد", "النصب", "المشاكل", "الخراب", "الوساخة", "الشر", "البلا", "الدمار"].map((o) => `${h} ${o}`),
    ),
    // What they (supposedly) did to the country: سرقوا وظايفنا، خربوا ديرتنا.
    ...["خربوا", "دمروا", "وسخوا", "سرقوا", "احتلوا", "افسدوا", "ضيعوا", "نهبوا", "ياخذون", "اخذوا", "يسرقون", "يخربون", "يوسخون"].flatMap(
      (v) => ["البلد", "بلدنا", "الديرة", "ديرتنا", "البحرين", "المجتمع", "وظايفنا", "وظائفنا", "اقتصادنا", "خيراتنا", "شغلنا", "رزقنا"].map((o) => `${v} ${o}`),
    ),
  ], { clitics: "noun" }),
  // "أوسخ من البنغال", "ما شفت أحقر من …": a comparative aimed at the group that follows.
  P("derogation", "pre", "ar", 0.8, ["اوسخ من", "اقذر من", "احقر من", "اخبث من", "انجس من", "اسوا من", "اغبى من", "اكذب من", "اجبن من", "اتفه من", "اخس من", "ارذل من"], { clitics: "none" }),
  // Mild attributes: only without the article, which would make them qualify (علاج الوافدين المرضى).
  P("derogation", "pred", "ar", 0.78, ["مرضى", "مرضى نفسيين", "مرضى نفسيا", "شواذ", "معقدين", "مريضات"], { clitics: "none" }),
  // Singular and mass attributes (كل هندي حرامي, الهنود وسخ).
  P("derogation", "pred", "ar", 0.8, [
    "خاين", "خائن", "حرامي", "كذاب", "وسخ", "وصخ", "قذر", "نجس", "غبي", "متخلف", "حقير", "منافق", "ارهابي", "مجرم", "لص", "عميل", "نصاب",
  ], { clitics: "noun" }),
  // ---------------------------------------------------------------- Arabic: dehumanisation
  P("dehumanisation", "pred", "ar", 0.86, [
    "وحوش", "كلاب مسعورة", "مكانهم حديقة الحيوان", "مكانهم الزريبة", "مكانهم الاقفاص", "حشرات", "صراصير", "صراصر", "جرذان", "فئران", "جراثيم", "ميكروبات", "طفيليات", "طفيليين", "قمل", "ديدان", "دود", "افاعي", "ثعابين",
    "ذباب", "كلاب", "خنازير", "قرود", "قردة", "حمير", "بهايم", "بهائم", "حيوانات", "بقر", "ابقار", "ماشية", "نعاج", "قطيع",
    "زبالة", "قمامة", "نفايات", "قاذورات", "قذارة", "اوساخ", "وساخة", "نجاسة", "حثالة", "وباء", "اوبئة", "طاعون", "سرطان", "مرض",
    "امراض", "فيروس", "فايروس", "كوليرا", "جرب", "عاهة", "جراد", "سوس", "قوارض", "بق", "براغيث", "ضباع", "ذئاب", "غربان", "حشرة", "وحوش بشرية", "ما هم بشر", "ماهم بشر", "مو بشر", "مب بشر", "مش بشر", "ليسوا بشرا",
    "ليسوا بشر", "ليسوا من البشر", "مو بني ادمين", "مب بني ادمين", "مش بني ادمين", "دون البشر", "اقل من البشر", "اشباه بشر", "انصاف بشر",
  ], { clitics: "noun" }),
  P("dehumanisation", "construct", "ar", 0.86, [
    "كلاب", "خنازير", "قرود", "حمير", "بهايم", "حشرات", "جرذان", "صراصير", "زبالة", "حثالة", "ذيول", "انجاس", "كلب", "خنزير",
  ], { clitics: "noun" }),
  // ---------------------------------------------------------------- Arabic: takfir
  P("takfir", "pred", "ar", 0.86, [
    "كفار", "كفرة", "كافرين", "كافرون", "كافرات", "مرتدين", "مرتدون", "مشركين", "مشركون", "زنادقة", "خارجين عن الملة",
    "خارجون عن الملة", "خارج الملة", "خارجين من الملة", "خارجين عن الاسلام", "ليسوا مسلمين", "مو مسلمين", "مب مسلمين", "مش مسلمين",
    "ما هم مسلمين", "ماهم مسلمين", "غير مسلمين", "ليسوا من المسلمين", "ليسوا من الاسلام", "اهل النار", "في النار", "مصيرهم النار",
    "مصيرهم جهنم", "حطب جهنم", "حطب النار", "عباد قبور", "عباد القبور", "عبدة الاصنام", "عباد الاصنام", "عبدة الاوثان", "ملة كفر",
    "دين كفر", "كفر", "شرك", "ضلال", "مبتدعة", "اهل بدعة", "اهل البدع", "ملاحدة", "رافضة",
  ], { clitics: "noun" }),
  // ---------------------------------------------------------------- Arabic: exclusion
  P("exclusion", "pre", "ar", 0.85, [
    "اطردوا", "اطردو", "رحلوا", "رحلو", "سفروا", "سفرو", "ابعدوا", "ابعدو", "نظفوا البلد من", "نظفوا الديرة من", "طهروا البلد من",
    "تطهير البلد من", "خلصونا من", "الله يخلصنا من", "لا مكان", "ما نبي", "ما نبا", "ما نبغى", "ما نبغي", "مانبي", "لا نريد",
    "ممنوع دخول", "يمنع دخول", "لا تؤجروا", "لا تاجروا", "لا توظفوا", "لا تشغلوا", "اسحبوا جنسية", "اسحبوا الجنسية من", "اسحبوا جناسي",
    "يسحبون الجنسية من", "يسحبون جنسية", "امنعوا", "امنعو", "ارحلوا", "ارحلو", "انقلعوا", "انقلعو", "ارجعوا", "ارجعو", "اطلعوا برا",
    "اطلعوا من", "نطرد", "بنطرد", "سنطرد", "نتخلص من", "بنتخلص من", "سنتخلص من", "تخلصوا من", "يتخلصون من",
    ...["طهروا", "نطهر", "سنطهر", "بنطهر", "نظفوا", "ننظف", "سننظف", "بننظف"].flatMap((v) => ["الارض", "البلد", "الديرة", "البحرين", "الوطن", "المنطقة"].map((o) => `${v} ${o} من`)),
  ], { clitics: "verb" }),
  P("exclusion", "pre", "ar", 0.85, ["طرد", "ترحيل", "تسفير", "ابعاد", "سحب جنسية", "سحب الجنسية من", "سحب جناسي"], { clitics: "masdar", needs: "modal" }),
  P("exclusion", "pred", "ar", 0.85, [
    "يطلعون برا", "يطلعون من", "برا", "بره", "برع", "يرجعون بلادهم", "يرجعون لبلادهم", "يرجعون ديرتهم", "يرجعون ديارهم", "يرجعون بلدانهم", "يرجعون لبلدانهم", "ارجعوا بلادكم",
    "ارجعوا لبلادكم", "روحوا بلادكم", "ينقلعون", "ينطردون", "يترحلون", "يتسفرون", "ينشالون", "ما لهم مكان", "مالهم مكان",
    "لا مكان لهم", "لا يستحقون العيش", "لا يستحقون البقاء", "لا يستحقون الجنسية", "ما يستاهلون الجنسية", "ما يستاهلون يعيشون",
    "لا يستحقون اي احترام", "لا يستحقون الاحترام", "ما يستاهلون احترام", "لا يستحقون الحياة", "ما يستاهلون الحياة", "غير مرحب بهم",
    "مو مرحب فيهم", "مب مرحب فيهم", "عالة على", "يجب طردهم", "لازم طردهم", "يجب ترحيلهم", "لازم ترحيلهم", "يجب ابعادهم",
    "يطردون", "يختفون من", "زوالكم", "زوالهم",
    // What they (supposedly) do not deserve: لا يستحقون الوظائف الحكومية.
    ...["لا يستحقون", "ما يستاهلون", "ما يستحقون", "لا يستاهلون", "لا يستحقوا", "ما يستاهلوا"].flatMap(
      (h) => ["الوظائف", "الوظايف", "وظائف", "العمل", "الشغل", "الجنسية", "الجنسيه", "العيش", "البقاء", "الاحترام", "احترام", "اي احترام", "الحقوق", "حقوق", "التعليم", "السكن", "المواطنة", "الحياة", "يعيشون", "يشتغلون", "يتوظفون"].map((o) => `${h} ${o}`),
    ),
  ], { clitics: "verb" }),
  P("exclusion", "pred", "ar", 0.85, ["يطلعون", "يرجعون", "يرحلون", "يسكتون", "يسكتن", "يخرسون", "يخرسن", "ينخرسون", "ينخرسن"], { clitics: "verb", needs: "modal" }),
  P("exclusion", "pron", "ar", 0.85, [
    "اطردوهم", "رحلوهم", "سفروهم", "ابعدوهم", "يطردونهم", "نطردهم", "رجعوهم", "يرجعونهم", "نرجعهم", "يسفرونهم", "نسفرهم", "يرحلونهم",
    "نرحلهم", "يبعدونهم", "امنعوهم", "يمنعونهم", "سحب جنسياتهم", "تنسحب جنسيتهم", "طردهم", "ترحيلهم", "تسفيرهم", "نظفوا البلد منهم", "خلصونا منهم", "لا نريدهم", "ما نبيهم",
    "ما نبغاهم", "مانبيهم",
  ], { clitics: "verb" }),
  // ---------------------------------------------------------------- Arabic: violence
  P("violence", "pre", "ar", 0.92, [
    "اقتلوا", "اقتلو", "اذبحوا", "اذبحو", "احرقوا", "احرقو", "اضربوا", "اضربو", "اسحقوا", "اسحقو", "ابيدوا", "ابيدو", "اعدموا", "اسحلوا",
    "فجروا", "فجرو", "ارجموا", "دمروا", "دمرو", "كسروا", "كسرو", "حطموا", "هاجموا", "اهجموا", "اهجموا على", "اعتدوا على", "اشنقوا",
    "ادعسوا", "سنقتل", "سنذبح", "سنحرق", "سنبيد", "سنسحق", "بنقتل", "بنذبح", "بنحرق", "بنسحق", "راح نقتل", "راح نذبح", "راح اقتل",
    "راح اذبح", "ساقتل", "ساذبح", "لاذبح", "لاقتل", "نقتل", "نذبح", "نحرق", "نبيد", "نسحق", "اقتل", "اذبح", "نفجر", "نهجم على", "نكسر",
    "ندعس", "الموت", "نبي نذبح", "نبي نقتل", "خلونا نهجم على", "خلونا نقتل",
  ], { clitics: "verb" }),
  P("violence", "pre", "ar", 0.92, ["قتل", "ذبح", "حرق", "ابادة", "تصفية", "سحق", "اعدام", "رجم", "شنق", "سحل", "تفجير", "ضرب", "محو", "حرق بيوت"], { clitics: "masdar", needs: "modal" }),
  P("violence", "pred", "ar", 0.92, [
    "يستاهلون الموت", "يستاهلون القتل", "يستاهلون الذبح", "يستاهلون الحرق", "يستاهلون الاعدام", "يستاهلون السحل", "يستاهلون الضرب",
    "يستاهلن الضرب", "يستاهلن الموت", "يستحقون الموت", "يستحقون القتل", "يستحقون الذبح", "يستحقون الحرق", "يستحقون الاعدام",
    "دمهم حلال", "دماؤهم حلال", "دمهم مباح", "دماؤهم مباحة", "دمائهم مباحة", "دماءهم حلال", "ينذبحون", "ينحرقون", "ينقتلون",
    "ينسحقون", "ينعدمون", "يجب ان يقتلوا", "يجب قتلهم", "لازم قتلهم", "لازم نقتلهم", "لازم نذبحهم", "نبي نذبحهم", "الموت لهم",
    "يجب ابادتهم", "لازم ابادتهم",
  ], { clitics: "verb" }),
  P("violence", "pred", "ar", 0.92, [
    "يموتون", "يموتوا", "يقتلون", "يذبحون", "يحرقون", "الابادة", "الموت", "القتل", "الذبح", "الحرق", "الاعدام", "قتل", "ذبح", "حرق", "ضرب",
    "سحق", "اعدام", "سحل", "رجم", "شنق", "ابادة", "ينضربون", "ينضربن", "ينسحلون", "ينشنقون", "ينرجمون", "ينبادون", "يتذبحون", "يتقتلون",
    "ميتين", "موتى", "ينقرضون", "مذبوحين", "محروقين", "مقتولين",
  ], { clitics: "verb", needs: "modal" }),
  // Verbs with the victim as object pronoun, after a group member ("من يشوف شيعي يذبحه", "لو أشوف واحد منهم لأقتله").
  P("violence", "pred", "ar", 0.9, [
    "يذبحه", "يقتله", "يحرقه", "اذبحه", "اقتله", "احرقه", "لاذبحه", "لاقتله", "نذبحه", "نقتله", "يذبحها", "يقتلها", "اقتلوه", "اذبحوه", "يضربه",
    "اضربه", "اضربوه", "يدعسه", "ادعسه", "يطقه", "طقوه",
  ], { clitics: "verb" }),
  P("violence", "pron", "ar", 0.9, ["نحاربهم", "حاربوهم", "قاتلوهم", "جاهدوهم", "نكسر عظامهم", "نكسر روسهم", "نكسر رؤوسهم", "نكسر راسهم", "كسروا عظامهم", "كسروا روسهم", "نطقهم", "بنطقهم"], { clitics: "verb" }),
  P("violence", "pron", "ar", 0.92, [
    "اقتلوهم", "اذبحوهم", "احرقوهم", "اسحقوهم", "ابيدوهم", "اعدموهم", "اسحلوهم", "اضربوهم", "فجروهم", "ارجموهم", "بنذبحهم", "بنقتلهم",
    "سنقتلهم", "سنذبحهم", "نذبحهم", "نقتلهم", "نحرقهم", "اقتلوهن", "اضربوهن", "ابادتهم", "قتلهم", "ذبحهم",
  ], { clitics: "verb" }),
  // ---------------------------------------------------------------- Arabic: hatred and curses
  P("exclusion", "pre", "ar", 0.85, ["لا"], { clitics: "none" }),
  P("hatred", "pre", "ar", 0.84, [
    "اكره", "نكره", "احتقر", "نحتقر", "امقت", "ابغض", "نبغض", "ما اطيق", "ما نطيق", "ما اتحمل", "ما احب", "اتقرف من", "اشمئز من",
    "الله يلعن", "يلعن", "لعنة الله على", "لعن الله", "اللعنة على", "تبا", "الله ياخذ", "الله يهلك", "اللهم اهلك", "اللهم عليك",
    "الله لا يوفق", "الله لا يبارك في", "الله يقطع", "قاتل الله", "قبح الله", "الله يخسف", "عسى الله يهلك", "الله ينتقم من",
    "حسبي الله على", "يلعن ابو", "الله يلعن ابو", "كرهي ل", "كرهت", "كرهنا", "الله يسلط على", "عسى الله ياخذ", "الله يبلاهم",
  ], { clitics: "verb" }),
  P("hatred", "pron", "ar", 0.84, ["الله يسلط عليهم", "كرهتهم", "اكرهم", "اكرههم", "نكرههم", "اكرههن", "ما اطيقهم", "ما احبهم", "الله يلعنهم", "لعنة الله عليهم", "الله ياخذهم", "الله يهلكهم", "الله لا يوفقهم", "يلعنهم"], { clitics: "verb" }),
  P("hatred", "pred", "ar", 0.84, ["الله يلعنهم", "لعنة الله عليهم", "الى جهنم", "في ستين داهية"], { clitics: "verb" }),

  // ---------------------------------------------------------------- Arabizi (Latin Arabic; folded like the text)
  P("derogation", "pred", "ar", 0.8, [
    "5awana", "khawana", "5ona", "khona", "5wana", "5awanah", "7aramiya", "7aramya", "haramiya", "7aramiyah", "wis5een", "wiskheen", "wsa5",
    "wis5", "wsakh", "ghabiyat", "8abiyat", "aghbiya", "a8biya", "ghabiyeen", "8abiyeen", "dawa3ish", "dawaesh", "mujrimeen", "mjrmeen",
    "erhabiyeen", "irhabiyeen", "kaddabeen", "chaddabeen", "kathabeen", "najis", "anjas", "7a8eer", "7aqeer", "7aqeereen", "mit5alfeen",
    "mitkhalfeen", "3umala", "3omala", "la9oo9", "lusoos", "mnafqeen", "munafiqeen",
  ], { clitics: "none" }),
  P("dehumanisation", "pred", "ar", 0.84, [
    "klaab", "kilab", "klab", "chlab", "chilab", "kelab", "7asharat", "hasharat", "7ashrat", "7ayawanat", "hayawanat", "7ywanat", "zbala",
    "zibala", "zbale", "khanazeer", "5anazeer", "5nazeer", "grood", "qrood", "8rood", "7meer", "7ameer", "bahayim", "ba7ayim", "sarasir",
    "9ra9eer", "jrathem", "jaratheem", "wsa5a", "za8", "zibalah",
  ], { clitics: "none" }),
  P("takfir", "pred", "ar", 0.84, ["kfar", "kofar", "kuffar", "kafara", "kafreen", "kafireen", "murtaddeen", "mshrkeen", "mushrikeen", "kfara"], { clitics: "none" }),
  P("exclusion", "pre", "ar", 0.84, ["a6ardo", "a6rdo", "i6rdo", "e6rdo", "atrdo", "itrdo", "otrdo", "atrodo", "a6ridoo", "e6ridoo"], { clitics: "none" }),
  P("exclusion", "pred", "ar", 0.84, ["barra", "bara", "barrah", "yitla3on barra", "yetla3oon barra"], { clitics: "none" }),
  P("exclusion", "pred", "ar", 0.84, ["yitla3on", "yetla3oon", "yitla3oon", "yirj3on", "yerja3on", "yirja3oon"], { clitics: "none", needs: "modal" }),
  P("exclusion", "pron", "ar", 0.84, ["a6ardohom", "a6rdohom", "atrdohom", "e6rdohom"], { clitics: "none" }),
  P("violence", "pre", "ar", 0.9, [
    "ektelo", "eqtelo", "u8tulu", "i8tlo", "uqtulu", "o8tlo", "e8tlo", "ektilo", "edba7o", "idba7o", "ezba7o", "edbe7o", "a7r8o", "i7r8o",
    "e7r8o", "a7re8o", "nidba7", "nedba7", "ndba7", "nigtil", "ne8tel", "nektel", "ni8til", "nu8tul", "n7ra8", "ni7ri8",
  ], { clitics: "none" }),
  P("violence", "pron", "ar", 0.9, ["ektelohom", "edba7ohom", "e7r8ohom", "u8tuloohom"], { clitics: "none" }),
  P("hatred", "pre", "ar", 0.82, ["akrah", "akra", "akrh", "allah yil3an", "yil3an", "yel3an", "il3an", "la3nat allah 3ala", "la3nat allah", "allah yel3an", "yl3n"], { clitics: "none" }),
  P("hatred", "pron", "ar", 0.82, ["akrahhom", "akrahom", "allah yil3anhom"], { clitics: "none" }),
  // ---------------------------------------------------------------- English: derogation
  P("derogation", "pred", "en", 0.82, [
    "terrorists", "criminals", "thieves", "rapists", "liars", "traitors", "savages", "barbarians", "primitive", "inferior", "stupid", "dumb",
    "idiots", "morons", "retarded", "useless", "worthless", "lazy", "dirty", "filthy", "disgusting", "gross", "smelly", "stinky", "evil",
    "sick", "perverts", "pedophiles", "paedophiles", "groomers", "degenerates", "degenerate", "freaks", "abominations", "an abomination",
    "unnatural", "hysterical", "whores", "sluts", "a burden", "a threat", "dangerous", "violent", "untrustworthy", "greedy", "backward",
    "backwards", "uncivilized", "uncivilised", "pathetic", "ugly", "the worst", "a disgrace", "a menace", "the enemy", "enemies",
    "mentally ill", "brainless", "too emotional", "incapable", "cannot be trusted", "can t be trusted", "cant be trusted", "invaders",
    "a waste of space", "a waste of oxygen", "good for nothing", "ruining", "ruin everything", "ruining everything",
    "destroying our country", "taking our jobs", "stealing our jobs", "the problem", "weak", "property", "belong in the kitchen",
    "dirtiest", "filthiest", "dumbest", "stupidest", "laziest", "ugliest", "vilest", "lowest", "most disgusting", "scumbags",
    "terrorist", "criminal", "thief", "rapist", "liar", "traitor", "savage", "pervert", "pedophile", "freak", "disgust me",
    "make me sick", "makes me sick", "disgusts me", "freeloaders", "freeloader", "scroungers", "spongers", "moochers", "welfare queens",
    "benefit scroungers", "only good for", "only good as", "control the media", "control the banks", "control everything",
    "run the banks", "run the media", "run the world", "control the world", "behind everything", "mentally ill", "brainwashed",
    "a religion of hate", "a religion of violence", "a religion of terror", "a religion of death", "religion of hate", "religion of violence",
    "religion of terror", "a death cult", "a cult", "satanic", "an evil religion",
    // Negative attributes beyond the first families (any of them, said of a whole group, derogates it).
    "repulsive", "revolting", "vile", "despicable", "contemptible", "loathsome", "horrible", "horrid", "awful", "terrible", "atrocious",
    "nasty", "hideous", "foul", "wretched", "rotten", "deceitful", "dishonest", "sneaky", "devious", "treacherous", "two faced",
    "manipulative", "selfish", "arrogant", "ignorant", "idiotic", "moronic", "imbeciles", "cretins", "halfwits", "simpletons", "fools",
    "clowns", "incompetent", "useless idiots", "obnoxious", "insufferable", "repugnant", "abhorrent", "deplorable", "detestable", "odious",
    "sleazy", "creepy", "crooks", "frauds", "cheats", "cheaters", "scammers", "con artists", "parasitic", "a joke", "never any good",
    "no good", "not any good", "losers", "subpar", "a waste", "scummy", "cowards", "cowardly", "thugs", "corrupt", "immoral", "wicked",
    "malicious", "uneducated", "illiterate", "unintelligent", "ungrateful", "lying", "thieving", "crazy", "insane", "psychos",
    "psychopaths", "lunatics", "nutcases", "beneath us", "not equal", "not our equals", "second class", "a blight", "a stain",
    "do not matter", "don t matter", "dont matter", "lives do not matter", "lives don t matter", "lives dont matter",
    "worth nothing", "worth less", "are worthless",
  ]),
  // ---------------------------------------------------------------- English: dehumanisation
  P("dehumanisation", "pred", "en", 0.86, [
    "vermin", "rats", "cockroaches", "roaches", "insects", "bugs", "parasites", "leeches", "maggots", "lice", "pigs", "dogs", "apes",
    "monkeys", "animals", "beasts", "cattle", "livestock", "swine", "snakes", "rodents", "a disease", "disease", "diseases", "a plague",
    "plague", "a cancer", "cancer", "a virus", "virus", "an infestation", "infestation", "filth", "trash", "garbage", "rubbish", "scum",
    "not human", "subhuman", "sub human", "less than human", "not even human", "not people", "not real people", "breed like rats",
    "breed like rabbits", "breed like", "a rat", "a pig", "a dog", "an ape", "a monkey", "an animal", "a parasite", "a cockroach",
    "not humans", "sub humans", "subhumans", "a virus", "a pest", "pests",
    "belong in a zoo", "belong in zoos", "belong in a cage", "belong in cages", "should be caged", "belong in the gutter", "a swarm",
    "savage beasts", "wild animals", "hyenas", "jackals", "locusts", "termites", "slugs", "worms", "germs", "bacteria", "a tumour", "a tumor",
  ]),
  P("dehumanisation", "construct", "en", 0.86, ["scum", "vermin", "rats", "pigs", "dogs", "apes", "filth", "trash", "garbage", "cockroaches", "parasites"]),
  // ---------------------------------------------------------------- English: takfir
  P("takfir", "pred", "en", 0.86, [
    "kuffar", "kafirs", "kaffirs", "kafir", "infidels", "apostates", "heretics", "not real muslims", "not true muslims", "not muslims",
    "not muslim", "going to hell", "will burn in hell", "burn in hell", "hellbound", "polytheists", "idol worshippers", "idolaters",
    "grave worshippers", "devil worshippers", "mushrikeen", "mushriks", "murtads", "apostate", "heretic", "infidel",
  ]),
  // ---------------------------------------------------------------- English: exclusion
  P("exclusion", "pre", "en", 0.85, [
    "deport", "kick out", "throw out", "send back", "send home", "get rid of", "keep out", "round up", "lock up", "ban", "expel",
    "drive out", "remove", "close the borders to", "don t hire", "never hire", "don t rent to", "stop letting in", "purge", "clean out",
    "no more",
  ], { needs: "subject" }),
  P("exclusion", "pre", "en", 0.85, ["no place for", "no room for", "no space for"]),
  P("exclusion", "pred", "en", 0.85, [
    "back where they came from", "back to where they came from", "back to their own country", "back to their country",
    "back to their countries", "back home", "out of the country", "out of here",
    "don t belong", "do not belong", "dont belong", "doesn t belong", "have no place", "has no place", "are not welcome",
    "aren t welcome", "arent welcome", "not welcome", "go back to", "go back where", "go home", "get out", "have no right",
    "out of our country", "don t deserve rights", "do not deserve rights", "should not be allowed", "shouldn t be allowed",
    "should not be given", "shouldn t be given", "should be denied", "must be denied", "should not get", "shouldn t get", "don t deserve",
    "do not deserve", "dont deserve", "should not be hired", "shouldn t be hired", "should not be employed",
    "shouldnt be allowed", "must not be allowed", "should not have rights", "shouldn t have rights", "should not vote", "shouldn t vote",
  ]),
  P("exclusion", "pred", "en", 0.85, [
    "deported", "banned", "expelled", "removed", "excluded", "segregated", "kicked out", "thrown out", "driven out", "sent back",
    "sent home", "locked up", "interned", "rounded up", "leave", "go back", "sterilized", "sterilised",
    // Silenced: "women should shut up", "… should be silenced".
    "shut up", "shut the fuck up", "shut the f up", "shut the hell up", "be silenced", "silenced", "stay silent", "keep quiet",
    "keep their mouths shut", "be seen and not heard",
  ], { needs: "modal" }),
  // ---------------------------------------------------------------- English: violence
  P("violence", "pre", "en", 0.92, [
    "kill", "murder", "slaughter", "exterminate", "eradicate", "execute", "hang", "lynch", "shoot", "gas", "burn", "bomb", "stab",
    "behead", "rape", "beat up", "beat", "wipe out", "eliminate", "massacre", "attack", "hurt", "run over", "torture", "castrate",
    "put down", "nuke", "genocide", "smash",
  ], { needs: "subject" }),
  P("violence", "pred", "en", 0.92, [
    "killed", "shot", "hanged", "hung", "gassed", "burned", "burnt", "exterminated", "executed", "lynched", "slaughtered", "murdered",
    "eradicated", "eliminated", "beaten", "stoned", "castrated", "raped", "tortured", "nuked", "wiped out", "put down", "bombed",
    "massacred", "die", "burn", "rot", "suffer", "perish", "be wiped", "death", "dead",
  ], { needs: "modal" }),
  // ---------------------------------------------------------------- English: hatred
  P("hatred", "pre", "en", 0.84, [
    "hate", "despise", "loathe", "detest", "can t stand", "cannot stand", "cant stand", "sick of", "fed up with", "disgusted by",
    "fuck", "fck", "f ck", "screw", "to hell with", "damn",
  ], { needs: "subject" }),
];

/**
 * Calls to violence that need no named group (free patterns): a burning verb with people inside,
 * a burning verb with a building, or "go out" with a call to smash. Each entry is [verbs, then],
 * matched with up to four words between.
 */
export const FREE_INCITEMENT: { lang: "ar" | "en"; verbs: string[]; then: string[]; score: number; needsSubject?: boolean }[] = [
  {
    lang: "ar", score: 0.93,
    verbs: ["احرقوا", "احرقو", "حرقوا", "ولعوا", "ولعو", "نحرق", "بنحرق", "سنحرق", "احرقوه", "احرقوها", "حرق", "ولعوا في", "احرق", "نولع", "بنولع"],
    then: ["بمن فيه", "بمن فيها", "بمن فيهم", "وهم فيه", "وهم فيها", "وهم داخله", "وهم بداخله", "باللي فيه", "باللي فيها", "واللي فيه",
      "على من فيه", "على من فيها", "على رؤوسهم", "على روسهم", "على راسهم", "على رؤوس", "على روس", "فوق رؤوس", "على اللي فيه",
      "على اللي فيها", "وهم داخلها", "وهم بداخلها", "باللي داخله"],
  },
  {
    lang: "ar", score: 0.9,
    verbs: ["احرقوا", "احرقو", "ولعوا", "ولعو", "نحرق", "سنحرق", "بنحرق", "نولع", "بنولع", "نفجر", "بنفجر", "فجروا", "فجرو", "دمروا", "كسروا",
      "حطموا", "خربوا", "اهجموا على", "هاجموا", "نهجم على", "بنهجم على"],
    then: ["المبنى", "البيت", "البيوت", "بيوتهم", "المسجد", "الجامع", "المساجد", "الحسينية", "الحسينيات", "المأتم", "الماتم", "الكنيسة",
      "الكنائس", "المعبد", "الكنيس", "السفارة", "محلاتهم", "سياراتهم", "المجمع", "سكنهم", "مساكنهم", "مساجدهم", "كنائسهم", "حسينياتهم",
      "مآتمهم", "المحلات", "كل شي", "كل شيء"],
  },
  {
    lang: "ar", score: 0.9,
    verbs: ["اطلعوا", "اطلعو", "انزلوا", "انزلو", "اخرجوا", "طلعوا", "نزلوا", "هبوا", "تجمعوا", "يلا", "يالله", "روحوا", "نطلع", "بنطلع",
      "خلونا", "ننزل", "بننزل", "سنخرج", "تعالوا", "نروح", "بنروح"],
    then: ["وكسروا", "كسروا", "وكسرو", "كسرو", "واحرقوا", "احرقوا", "وخربوا", "خربوا", "ودمروا", "دمروا", "وولعوا", "ولعوا", "وحطموا",
      "حطموا", "واضربوا", "اضربوا", "واهجموا", "اهجموا", "ونكسر", "نكسر", "ونحرق", "ونخرب", "نخرب", "ونهجم", "نهجم", "ونحطم", "ونولع"],
  },
  {
    lang: "en", score: 0.93,
    verbs: ["burn", "torch", "firebomb", "set fire to", "set on fire", "blow up"],
    then: ["with them inside", "with everyone inside", "with people inside", "with them in it", "with everyone in it", "while they are inside",
      "while they re inside", "while they sleep", "with the family inside", "with the people inside"],
  },
  {
    lang: "en", score: 0.9, needsSubject: true,
    verbs: ["bomb", "burn", "burn down", "torch", "firebomb", "blow up", "attack", "destroy", "smash", "storm"],
    then: ["mosque", "mosques", "church", "churches", "synagogue", "synagogues", "temple", "temples", "embassy", "their homes", "their houses",
      "their shops", "their mosque", "their church", "the building", "that building"],
  },
  {
    lang: "en", score: 0.9, needsSubject: true,
    verbs: ["set"],
    then: ["mosque on fire", "mosques on fire", "church on fire", "churches on fire", "synagogue on fire", "temple on fire", "building on fire",
      "house on fire", "houses on fire", "homes on fire", "shop on fire", "shops on fire", "them on fire", "it on fire"],
  },
  {
    lang: "en", score: 0.9,
    verbs: ["go out and", "let s go", "lets go"],
    then: ["smash", "burn", "wreck", "destroy", "loot", "attack", "torch", "trash"],
  },
];

/** Words that sit between a group and its predicate ("الشيعة كلهم خونة", "women are just stupid"). */
export const BRIDGES = [
  "هم", "هن", "كلهم", "كلهن", "كلها", "جميعهم", "جميعا", "جميعهن", "مجرد", "عبارة", "عبارة عن", "مثل", "زي", "كانهم", "كنهم", "اشبه", "بس", "الا",
  "سوى", "اصلا", "اساسا", "والله", "ترا", "تراهم", "حيل", "وايد", "جدا", "مرة", "بالضبط", "تماما", "صراحة", "بصراحة", "فعلا", "حقيقة",
  "يعتبرون", "صاروا", "صارو", "اصبحوا", "طلعوا", "ال", "كل", "جميع", "نفس", "حفنة", "مجموعة", "شلة", "عصابة", "من", "هذول", "هؤلاء",
  "هاذول", "يا", "اخي", "ترى", "كالعادة", "دايما", "دائما",
  "are", "is", "were", "r", "re", "all", "just", "so", "such", "really", "truly", "totally", "literally", "basically", "simply",
  "nothing", "but", "like", "the", "a", "an", "bunch", "of", "total", "complete", "absolute", "fucking", "bloody", "damn", "very", "too",
  "always", "only", "still", "honestly", "seriously", "no", "better", "than", "little", "more", "these", "those", "every", "single", "one",
  "be", "to", "been", "get", "got", "being", "should", "would",
  "them", "el", "al", "il", "hum", "hom", "kilhom", "kolhom", "kelhom", "kulhum", "bas", "mithl", "mitl", "zay", "zai", "ka",
];
/** Bridges after which a longer stretch may separate group and pattern ("Muslims in this country are …"). */
export const COPULAS = [
  "هم", "هن", "كلهم", "كلهن", "جميعهم", "مجرد", "عبارة عن", "مثل", "زي", "كانهم", "اشبه", "الا", "يعتبرون", "صاروا", "اصبحوا", "طلعوا",
  "are", "is", "were", "r", "re", "like", "hum", "kilhom", "kolhom",
];
/** Generalisers: they make a derogation a generalisation (and raise its score). */
export const GENERALISERS = ["جميعا", "اي", "من يشوف", "اللي يشوف", "لو اشوف", "لو شفت", "اذا شفت", "any", "كامل", "بكامله", "كله", "whole", "entire", "كل", "جميع", "كافة", "كلهم", "كلهن", "جميعهم", "عموم", "اغلب", "معظم", "all", "every", "each", "kil", "kol", "kel", "kull", "kilhom", "kolhom", "kulhum"];
export const MODALS = [
  "يبيلهم", "يبي لهم", "يبغالهم", "يبغى لهم", "يبيله", "see",
  "يجب", "لازم", "لابد", "بد", "المفروض", "مفروض", "الحل", "واجب", "ينبغي", "يتوجب", "نطالب", "نبي", "نبغى", "نبغي", "نريد", "ابي", "ابغى",
  "اريد", "حان", "الاوان", "ضروري", "يستاهلون", "يستحقون", "يستاهلن", "يستحقن", "عسى", "ودي", "اتمنى", "نتمنى", "خلونا", "خلنا", "يلا",
  "lazim", "lazem", "yajib", "lazm",
  "should", "must", "need", "needs", "deserve", "deserves", "ought", "have", "has", "gotta", "will", "shall", "hope", "wish", "want",
  "let", "lets", "time", "ll", "d", "gonna", "going", "better", "can",
];
/** First-person or call words that license an English verb ("I hate", "we should kill", "let's"). */
export const SUBJECTS_EN = ["i", "we", "im", "ive", "id", "ill", "let", "lets", "someone", "somebody", "everyone", "everybody", "y", "all", "you", "just", "please", "should", "must", "gonna", "will", "ll", "d", "want", "need", "time", "gotta", "going", "to", "m", "re", "really", "honestly", "fucking", "seriously", "god", "so", "truly", "absolutely", "still", "always"];
export const NEGATORS = [
  "لا", "ليس", "ليسوا", "ليست", "لسن", "لست", "لسنا", "ما", "مو", "مب", "مش", "موب", "مهب", "مهوب", "ماهم", "لم", "لن", "مهو", "ابدا", "مستحيل",
  "not", "never", "dont", "doesnt", "isnt", "arent", "wasnt", "werent", "cant", "cannot", "wont", "shouldnt", "wouldnt", "couldnt", "didnt",
  "nobody", "none", "neither", "nor", "hardly", "mo", "mu", "mub", "mob", "mesh", "mish", "msh", "laysa", "mb",
];
/** After one of these, the token "t" is the n't of a contraction (don't → don t). */
export const CONTRACTION_HEADS = ["don", "doesn", "didn", "isn", "aren", "wasn", "weren", "can", "won", "shouldn", "wouldn", "couldn", "ain", "mustn", "haven", "hasn"];
/** After a negator, these turn it into a restriction ("ما هم إلا حشرات" = nothing but insects). */
export const EXCEPTIVES = ["الا", "سوى", "غير", "but", "except"];
/** A part of the group, not the group: "بعض الهنود", "some immigrants". */
export const SUBSETS = ["بعض", "بعضهم", "عدد", "قلة", "some", "few", "certain", "several"];
/** Qualifiers that pick out individuals (legal status, charges): "العمالة المخالفة", "illegal immigrants". */
export const QUALIFIERS_AFTER = [
  "المخالفين", "المخالفة", "المخالفون", "مخالفين", "مخالفا", "المتهمين", "المدانين", "المحكومين", "الموقوفين", "المتورطين", "غير النظاميين",
  "غير النظامية", "غير الشرعيين", "المتسللين", "الهاربين", "السائبة", "المسجونين", "who", "involved", "convicted", "arrested", "accused",
];
export const QUALIFIERS_BEFORE = ["illegal", "undocumented", "convicted", "accused", "suspected", "arrested", "radical", "extremist", "violent", "criminal"];
/** A pronoun object of several words after a verb (English): "I hate every single one of them". */
export const PRONOUN_PHRASES_EN = ["every single one of them", "every one of them", "each one of them", "each and every one of them", "all of them", "the lot of them"];
/** Function words that may end a token of words written together ("womenare", "killall", "الشيعهكلهم"). */
export const FUSED_TAILS = ["are", "were", "all", "should", "must", "كلهم", "كلهن", "جميعهم"];
/** Pronouns that stand for a group named earlier ("they are vermin", "هم حشرات", "kill them"). */
export const PRONOUNS = ["هم", "هن", "هذول", "هؤلاء", "هاذول", "هذولا", "كلهم", "they", "them", "these", "those", "em", "theyre", "hum", "hom"];
/** Nouns that may stand between a violence verb and the group ("احرقوا بيوت الشيعة", "burn their homes"). */
export const OBJECT_NOUNS = [
  "بيوت", "منازل", "مساجد", "جوامع", "حسينيات", "ماتم", "كنائس", "معابد", "محلات", "دكاكين", "سيارات", "سكن", "مساكن", "اطفال", "عيال", "نساء",
  "مناطق", "قرى", "اي", "واحد", "على", "سكن العمال",
  "homes", "houses", "mosques", "churches", "synagogues", "temples", "shops", "stores", "cars", "kids", "children", "families", "every", "any",
  "all", "the", "those", "these", "of", "their", "filthy", "dirty", "fucking", "damn", "single", "last", "one", "bloody", "stinking",
];
/** Number words before a group pick out individuals ("ثلاثة آسيويين"). */
export const NUMBER_WORDS = ["اثنين", "ثلاثة", "ثلاث", "اربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds"];

/**
 * Counter-speech, condemnation and reporting: a statement near one of these is quoted, reported
 * or refuted, not made ("قول إن كل السنة دواعش تحريض مرفوض", "saying women are stupid is sexist",
 * "a man was jailed for tweeting …").
 */
export const COUNTER_MARKERS = [
  "تحريض", "التحريض", "تحريضا", "مرفوض", "مرفوضة", "نرفض", "ارفض", "يرفض", "رفض", "نبذ", "ننبذ", "عنصرية", "عنصري", "العنصرية", "طائفية",
  "الطائفية", "طائفي", "كراهية", "الكراهية", "خطاب", "تعميم", "التعميم", "تعمم", "لا يجوز", "لا يصح", "ما يصير", "ما يجوز", "غلط", "خطا",
  "كذب", "افتراء", "مزاعم", "يزعم", "زعم", "يدعي", "ادعاء", "ندين", "يدين", "ادان", "ادانة", "ادانها", "استنكر", "استنكار", "نستنكر",
  "تستنكر", "مسيء", "مسيئة", "اساءة", "الاساءة", "يجرم", "تجريم", "يعاقب", "ظلم", "كفى", "لا يمثلنا", "لا تليق", "ما يمثلنا",
  "من يقول", "اللي يقول", "اللي يقولون", "من يعتقد", "من يكفر", "قول", "القول", "مقولة", "وصف", "يصف", "تصف", "وصفت",
  "تسمية", "نعت", "ينعت", "وصم", "يفرق", "تفرقة", "التعايش", "الوحدة الوطنية",
  "racist", "racism", "sexist", "sexism", "bigot", "bigots", "bigoted", "bigotry", "hateful", "hate speech", "discrimination",
  "discriminatory", "prejudice", "prejudiced", "islamophobia", "islamophobic", "antisemitic", "antisemitism", "anti semitic",
  "xenophobic", "xenophobia", "homophobic", "homophobia", "transphobic", "transphobia", "misogyny", "misogynistic", "misogynist",
  "sectarian", "stereotype", "stereotypes", "stereotyping", "generalization", "generalisation", "unacceptable", "not ok", "not okay",
  "false", "untrue", "myth", "nonsense", "condemn", "condemns", "condemned", "condemnation", "denounce", "denounced", "shame on",
  "stop saying", "stop calling", "disgraceful", "appalling", "dehumanising", "dehumanizing", "incitement", "inciting", "ashamed",
  "claiming", "claims", "if you think", "people who say", "anyone who says", "those who say", "it s wrong", "its wrong", "is wrong",
  "to say", "to claim", "to suggest", "to call", "unfair", "hurtful",
];
export const REPORT_MARKERS = [
  "تم", "تمت", "جرى",
  "قال", "قالت", "كتب", "كتبت", "غرد", "غردت", "تغريدة", "تغريدات", "التغريدة", "منشور", "منشورات", "نشر", "هتف", "هتافات", "ادعى",
  "القبض", "قبض", "متهم", "المتهم", "متهمين", "النيابة", "المحكمة", "محكمة", "قضت", "حكمت", "بتهمة", "سجن", "بسجن", "حبس", "احالة",
  "احيل", "احالت", "التحقيق", "تحقيق", "بلاغ", "الابلاغ", "اتهم", "محاكمة", "يحاكم", "رسالة", "تقول", "يقول", "يقولون", "انتشرت",
  "said", "says", "wrote", "writes", "tweeted", "tweeting", "posted", "posts", "claimed", "shouted", "chanted", "chanting", "yelled",
  "screamed", "called", "calling", "described", "quote", "quoted", "quotes", "arrested", "charged", "convicted", "sentenced", "jailed",
  "court", "prosecutors", "police", "investigating", "investigation", "reported", "leaflet", "article", "according",
];
/** First person and pride: a slur about oneself is reclaimed ("أنا رافضي وأفتخر", "we dykes"). */
export const FIRST_PERSON = ["انا", "احنا", "نحن", "اني", "انني", "كوني", "يسموننا", "يسمونا", "يسمونني", "يقولون عني", "عني", "i", "im", "we", "us", "me", "as", "fellow"];
export const PRIDE = ["وافتخر", "افتخر", "فخور", "فخورة", "نفتخر", "proud", "pride", "reclaiming", "reclaim", "march", "parade"];
/** Words that may stand between a first-person word and a reclaimed slur ("I'm a proud Paki", "نعم أنا صفوي"). */
export const RECLAIM_GAP = ["a", "an", "m", "am", "re", "are", "proud", "the", "a proud", "just", "also", "still", "نعم", "ايه", "كما", "نحن", "ال"];
/** Relative pronouns: a clause between a group and its predicate ("النساء اللي يطلعن … يستاهلن"). */
export const RELATIVES = ["اللي", "الي", "الذين", "اللذين", "اللواتي", "اللاتي", "who", "that", "which"];
/** Words that end a noun phrase: a weak group word before one of these is not qualifying a noun ("every immigrant from …"). */
export const PHRASE_ENDERS = ["from", "in", "on", "at", "to", "with", "like", "and", "or", "who", "that", "you", "i", "he", "she", "they", "we", "for", "of", "من", "في", "على", "اللي", "الي", "و"];
/** English verbs whose particle follows the group ("keep the foreigners out", "send them back"). */
export const PARTICLE_VERBS_EN: Record<string, string[]> = {
  keep: ["out", "away"], kick: ["out"], throw: ["out"], get: ["out", "away"], drive: ["out", "away"], send: ["back", "home", "away", "out"],
  force: ["out"], chase: ["out", "away"], run: ["out"], push: ["out"], boot: ["out"], ship: ["back", "out", "off"], deport: ["back", "home"],
};

/** Objects that make a violent verb an idiom ("اقتلوا الملل", "kill time", "احرقوا الدهون"). */
export const IDIOM_OBJECTS = [
  "الملل", "الفراغ", "الوقت", "الروتين", "الجوع", "العطش", "الحزن", "الكسل", "الطفش", "الدهون", "السعرات", "الشحوم", "الوحدة", "الخوف",
  "الياس", "الضجر", "time", "boredom", "the lights", "lights", "calories", "fat", "the engine", "germs", "bacteria", "weeds", "mosquitoes",
];
/** "(don't) want X here": the words after the group that make it exclusion. */
export const NOT_WANTED_AFTER = ["here", "in", "around", "anymore", "near", "living", "moving", "coming", "among", "at", "on", "next"];
