/**
 * Functional hate tests of our own (Arabic and English): one list of cases per function of hate
 * speech (slur, generalisation, dehumanisation, threat, exclusion, takfir, hatred, spelling
 * variants, Arabizi) and of its non-hateful look-alikes (negation, counter-speech, quotation and
 * reporting, reclaimed use, neutral mentions of a group). Written by the Amanah team: templates ×
 * group terms plus hand-written natural posts. Nothing here is copied from HateCheck or another
 * dataset, and the scorer is not tuned on any copy of one.
 *
 * A hateful case is right when the scorer raises a flag of category "hate"; a non-hateful case is
 * right when it raises no flag of category "hate" or "offensive".
 */

export type HateFunction =
  | "slur"
  | "generalisation"
  | "dehumanisation"
  | "threat"
  | "exclusion"
  | "takfir"
  | "hatred"
  | "spelling"
  | "arabizi"
  | "negation"
  | "counter-speech"
  | "quotation"
  | "reclaimed"
  | "neutral-mention";

export type Lang = "ar" | "en";

export interface FunctionalCase {
  fn: HateFunction;
  lang: Lang;
  text: string;
  hateful: boolean;
}

export const HATEFUL_FUNCTIONS: ReadonlySet<HateFunction> = new Set([
  "slur", "generalisation", "dehumanisation", "threat", "exclusion", "takfir", "hatred", "spelling", "arabizi",
]);

/** An Arabic group: the definite plural as written in a post, and whether adjectives agree in the feminine. */
interface ArGroup { g: string; f?: boolean; sect?: boolean }

const AR_GROUPS: ArGroup[] = [
  { g: "الشيعة", sect: true }, { g: "السنة", sect: true }, { g: "المسيحيين", sect: true }, { g: "النصارى", sect: true },
  { g: "اليهود", sect: true }, { g: "الهنود" }, { g: "البنغال" }, { g: "الآسيويين" }, { g: "الوافدين" },
  { g: "الأجانب" }, { g: "العجم" }, { g: "البدو" }, { g: "الأفارقة" }, { g: "الباكستانيين" }, { g: "المصريين" },
  { g: "السوريين" }, { g: "اللاجئين" }, { g: "النساء", f: true }, { g: "الحريم", f: true }, { g: "المعاقين" },
  { g: "المثليين" }, { g: "الفلبينيين" }, { g: "الصوفية", sect: true }, { g: "البحارنة" }, { g: "الإيرانيين" },
];
const AR_SECTS = AR_GROUPS.filter((x) => x.sect);

/** Negative attributes: masculine plural / feminine plural. */
const AR_ATTR: [string, string][] = [
  ["خونة", "خائنات"], ["كذابين", "كذابات"], ["حرامية", "حراميات"], ["إرهابيين", "إرهابيات"], ["أغبياء", "غبيات"],
  ["وسخين", "وسخات"], ["مجرمين", "مجرمات"], ["متخلفين", "متخلفات"], ["منافقين", "منافقات"], ["لصوص", "لصات"],
  ["قذرين", "قذرات"], ["حقراء", "حقيرات"],
];
const AR_ANIMAL = ["حشرات", "كلاب", "حيوانات", "صراصير", "جرذان", "خنازير", "قرود", "بهايم", "جراثيم", "حمير"];

interface EnGroup { g: string; sing: string }
const EN_GROUPS: EnGroup[] = [
  { g: "Muslims", sing: "Muslim" }, { g: "Jews", sing: "Jew" }, { g: "Christians", sing: "Christian" },
  { g: "Hindus", sing: "Hindu" }, { g: "Shia Muslims", sing: "Shia" }, { g: "Sunnis", sing: "Sunni" },
  { g: "immigrants", sing: "immigrant" }, { g: "refugees", sing: "refugee" }, { g: "migrants", sing: "migrant" },
  { g: "foreigners", sing: "foreigner" }, { g: "Indians", sing: "Indian" }, { g: "Pakistanis", sing: "Pakistani" },
  { g: "Arabs", sing: "Arab" }, { g: "black people", sing: "black person" }, { g: "Asians", sing: "Asian" },
  { g: "women", sing: "woman" }, { g: "gay people", sing: "gay person" }, { g: "trans people", sing: "trans person" },
  { g: "disabled people", sing: "disabled person" }, { g: "Africans", sing: "African" }, { g: "Filipinos", sing: "Filipino" },
  { g: "Bangladeshis", sing: "Bangladeshi" }, { g: "expats", sing: "expat" }, { g: "Sikhs", sing: "Sikh" },
];
const EN_ATTR = ["terrorists", "criminals", "liars", "thieves", "stupid", "disgusting", "filthy", "worthless", "savages", "rapists", "parasites", "evil", "lazy", "dirty", "inferior"];
const EN_ANIMAL = ["vermin", "rats", "animals", "cockroaches", "pigs", "dogs", "a disease", "a plague", "apes", "parasites", "a cancer", "subhuman"];

/** Deterministic spread: template t gets the k-th group of a rotating offset, so templates see different groups. */
function spread<T, G>(templates: ((g: G, k: number) => T)[], groups: G[], perTemplate: number): T[] {
  const out: T[] = [];
  templates.forEach((t, ti) => {
    for (let k = 0; k < perTemplate; k++) out.push(t(groups[(ti * 7 + k * 5) % groups.length], k));
  });
  return out;
}

const attr = (g: ArGroup, k: number) => (g.f ? AR_ATTR[k % AR_ATTR.length][1] : AR_ATTR[k % AR_ATTR.length][0]);
const kullu = (g: ArGroup) => (g.f ? "كلهن" : "كلهم");
/** "لل" + group without its article, as Arabic writes ل + ال. */
const li = (g: ArGroup) => "لل" + g.g.replace(/^ال/, "");
const bi = (g: ArGroup) => "بال" + g.g.replace(/^ال/, "");

type Tpl<G> = (g: G, k: number) => string;
function cases(fn: HateFunction, lang: Lang, hateful: boolean, texts: string[]): FunctionalCase[] {
  return texts.map((text) => ({ fn, lang, text, hateful }));
}
function ar(fn: HateFunction, hateful: boolean, tpls: Tpl<ArGroup>[], per: number, extra: string[], groups = AR_GROUPS): FunctionalCase[] {
  return cases(fn, "ar", hateful, [...spread(tpls, groups, per), ...extra]);
}
function en(fn: HateFunction, hateful: boolean, tpls: Tpl<EnGroup>[], per: number, extra: string[]): FunctionalCase[] {
  return cases(fn, "en", hateful, [...spread(tpls, EN_GROUPS, per), ...extra]);
}
const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

// ---------------------------------------------------------------- hateful functions, Arabic
const AR_HATEFUL: FunctionalCase[] = [
  ...ar("slur", true, [], 0, [
    "يا رافضي يا وسخ", "هالروافض ما منهم فايدة", "النواصب عيال ما يستحون", "مجوس البحرين رجعوا يخربون",
    "الصفويين خربوا كل شي", "يا ناصبي يا حاقد", "شوف هالزنجي شلون يمشي", "الاخونجية باعوا الوطن",
    "اسكت يا صفوي", "روافض ما لهم أمان", "عباد القبور هذول ما يفهمون", "هذا الكلام ما يقوله إلا مجوسي",
    "الروافض كلهم عملاء", "انت مجرد ناصبي حاقد", "ياعبيد ايران اطلعوا من بلدنا", "النصيرية أعداء الله",
    "عباد الصليب يحاربون ديننا", "يا عابد البقر ارجع بلدك", "هالشواذ لازم أحد يوقفهم", "أحفاد القردة والخنازير ما لهم عهد",
    "حسبي الله على الرافضة", "ذيول ايران في كل مكان",
  ]),
  ...ar("generalisation", true, [
    (g, k) => `كل ${g.g} ${attr(g, k)}`,
    (g, k) => `${g.g} ${kullu(g)} ${attr(g, k + 3)}`,
    (g, k) => `جميع ${g.g} ${attr(g, k + 5)} بدون استثناء`,
    (g, k) => `والله ${g.g} ${kullu(g)} ${attr(g, k + 7)} ما فيهم خير`,
    (g, k) => `${g.g} ${attr(g, k + 2)} وهذي حقيقة يعرفها الكل`,
  ], 5, [
    "الشيعة كلهم عملاء لإيران ولاؤهم مو للوطن", "السنة كلهم دواعش ويدعمون الإرهاب", "المسيحيين كلهم أعداء للإسلام",
    "الهنود أوسخ ناس على وجه الأرض", "البنغال ما لهم أمان كلهم حرامية", "الحريم ناقصات عقل ودين وما ينفعون لشي",
    "المصريين كلهم نصابين", "الأجانب خربوا البلد وكلهم لصوص", "الوافدين عالة على البلد وما منهم فايدة",
    "الهنود كلهم أوغاد", "النساء تافهات وما يفهمن", "الوافدين عبء على المجتمع", "البنغال وحوش",
    "في رأيي الحريم ما يصلحن للقيادة أبدا",
    "أغبى شعب في العالم هو الشعب الهندي", "شعب كامل من الكذابين",
  ]),
  ...ar("dehumanisation", true, [
    (g, k) => `${g.g} ${AR_ANIMAL[k % AR_ANIMAL.length]}`,
    (g, k) => `${g.g} مجرد ${AR_ANIMAL[(k + 3) % AR_ANIMAL.length]}`,
    (g, k) => `${g.g} مثل ${"ال" + AR_ANIMAL[(k + 5) % AR_ANIMAL.length]} بالضبط`,
    (g) => `${g.g} وباء لازم نتخلص منه`,
    (g) => `${g.g} سرطان في جسد هذا الوطن`,
  ], 5, [
    "هالبنغال صراصير مالين الفريج", "الشيعة ما هم بشر، بهايم", "الوافدين زبالة المجتمع",
    "كلاب الروافض ينبحون كالعادة", "هذول الهنود كالجرذان يتكاثرون", "اليهود خنازير وقرود",
    "النساء حيوانات ما تفهم", "اللاجئين طفيليات على البلد", "المثليين قذارة وأمراض",
  ]),
  ...ar("threat", true, [
    (g) => `لازم نقتل كل ${g.g}`,
    (g) => `${g.g} يستاهلون الذبح`,
    (g) => `والله لأذبح أي واحد من ${g.g} أشوفه`,
    (g) => `الحل الوحيد مع ${g.g} هو الإبادة`,
    (g) => `اقتلوا ${g.g} أينما وجدتموهم`,
    (g) => `يجب إعدام كل ${g.g}`,
  ], 4, [
    "احرقوا حسينيات الشيعة على رؤوسهم", "بنحرق بيوت البنغال الليلة", "دم الروافض حلال", "الشيعة لازم يموتون",
    "احرقوا المبنى بمن فيه", "اطلعوا وكسروا محلاتهم", "خلونا نهجم على سكن العمال الآسيويين ونضربهم",
    "سنحرق كنائس النصارى", "النساء اللي يطلعن بدون محرم يستاهلن الضرب", "اليهود دمهم مباح",
  ]),
  ...ar("exclusion", true, [
    (g) => `اطردوا ${g.g} من البلد`,
    (g) => `${g.g} لازم يرجعون بلادهم`,
    (g) => `لا مكان ${li(g)} بيننا`,
    (g) => `${g.g} لا يستحقون العيش بيننا`,
    (g) => `يجب ترحيل كل ${g.g} فورا`,
    (g) => `ما نبي ${g.g} في ديرتنا`,
  ], 4, [
    "الوافدين برا البحرين", "نظفوا البلد من البنغال", "الهنود لازم يطلعون من البلد كلهم", "الأجانب ما لهم مكان هنا",
    "أتباع ذلك المذهب لا يستحقون أي احترام في هذا البلد", "يجب طردهم جميعًا من البلد قبل أن يفسدوه، هؤلاء الوافدين",
    "اسحبوا الجنسية من المجنسين كلهم", "لا نريد اللاجئين في بلادنا", "الحريم لازم يسكتن وما يتدخلن", "متى بنتخلص من الوافدين؟",
  ]),
  ...ar("takfir", true, [
    (g) => `${g.g} كفار`,
    (g) => `${g.g} كلهم مرتدين`,
    (g) => `${g.g} مشركين وخارجين عن الملة`,
    (g) => `${g.g} ليسوا مسلمين`,
    (g) => `${g.g} كفرة ومصيرهم النار`,
  ], 4, [
    "الشيعة كفار أنجاس لا تتعاملوا معهم", "الصوفية عباد قبور مشركين", "العلمانيين كفار ولو صلوا",
    "النصارى كفرة ملعونين", "الإسماعيلية خارج الملة", "الروافض أخطر على الإسلام من اليهود وكلهم كفار",
  ], AR_SECTS.concat([{ g: "العلمانيين" }, { g: "الليبراليين" }, { g: "الإخوان" }])),
  ...ar("hatred", true, [
    (g) => `أكره ${g.g}`,
    (g) => `أكره كل ${g.g}`,
    (g) => `والله ما أطيق ${g.g}`,
    (g) => `الله يلعن ${g.g}`,
    (g) => `لعنة الله على ${g.g}`,
    (g) => `اللهم عليك ${bi(g)}`,
  ], 4, [
    "أحتقر الهنود من كل قلبي", "ما أتحمل الحريم ولا أطيقهم", "الله ياخذ البنغال ويريحنا منهم", "تبا للوافدين",
  ]),
];

// ---------------------------------------------------------------- hateful functions, English
const EN_HATEFUL: FunctionalCase[] = [
  ...en("slur", true, [], 0, [
    "Go back to your cave, raghead", "Another towelhead moved in next door", "Typical paki behaviour",
    "Those kikes run the banks", "Get out of my face you faggot", "No trannies in the women's bathroom",
    "That chink cut me off in traffic", "The wetbacks are taking our jobs", "Shut up you dyke",
    "Look at this muzzie with his beard", "Bunch of ragheads at the mall", "He's just another spic",
    "You dumb gook", "The fags are at it again", "Ragheads ruin everything", "What a tranny freak",
    "Those pakis smell", "Filthy kike", "Nobody wants your kind here, towelhead", "The coons are rioting again",
  ]),
  ...en("generalisation", true, [
    (g, k) => `All ${g.g} are ${EN_ATTR[k % EN_ATTR.length]}.`,
    (g, k) => `${cap(g.g)} are all ${EN_ATTR[(k + 4) % EN_ATTR.length]}`,
    (g, k) => `Every ${g.sing} is ${EN_ATTR[(k + 7) % EN_ATTR.length]}`,
    (g, k) => `${cap(g.g)} are so ${EN_ATTR[(k + 9) % EN_ATTR.length]}, honestly`,
    (g, k) => `I think ${g.g} are ${EN_ATTR[(k + 2) % EN_ATTR.length]}`,
  ], 5, [
    "Why are women so stupid?", "Muslims are terrorists, every single one of them", "Immigrants are nothing but criminals",
    "Women are too emotional to lead", "Jews are greedy", "Black people are lazy and violent", "Refugees are all rapists",
    "Immigrants are repulsive and dishonest", "Honestly, women are never any good at anything", "Muslim lives do not matter",
    "Gay people are deceitful, every one of them", "Disabled people are a joke",
  ]),
  ...en("dehumanisation", true, [
    (g, k) => `${cap(g.g)} are ${EN_ANIMAL[k % EN_ANIMAL.length]}`,
    (g, k) => `${cap(g.g)} are nothing but ${EN_ANIMAL[(k + 2) % EN_ANIMAL.length]}`,
    (g, k) => `${cap(g.g)} are like ${EN_ANIMAL[(k + 4) % EN_ANIMAL.length]}`,
    (g) => `${cap(g.g)} are a cancer on this country`,
    (g) => `${cap(g.g)} are not human`,
  ], 5, [
    "Immigrants are vermin", "Those Muslims breed like rats", "Women are property, not people", "Trans people are freaks of nature",
    "Refugees are a plague on Europe", "Gay people are a disease", "Immigrants belong in cages", "Refugees are locusts",
  ]),
  ...en("threat", true, [
    (g) => `I will kill all ${g.g}`,
    (g) => `${cap(g.g)} should be shot`,
    (g) => `We should burn ${g.g} alive`,
    (g) => `I'm going to murder every ${g.sing} I see`,
    (g) => `All ${g.g} deserve to die`,
    (g) => `Kill all ${g.g}`,
  ], 4, [
    "Burn the building down with them inside", "Let's go out and smash their shops", "Someone should bomb that mosque",
    "Hang every immigrant from a lamp post", "Women like you deserve to be beaten", "Gas the Jews",
    "Next time I see a trans person on my street I will stab them",
  ]),
  ...en("exclusion", true, [
    (g) => `Deport all ${g.g}`,
    (g) => `${cap(g.g)} should be kicked out of this country`,
    (g) => `${cap(g.g)} don't belong here`,
    (g) => `Send the ${g.g} back where they came from`,
    (g) => `${cap(g.g)} should not be allowed to live among us`,
    (g) => `There is no place for ${g.g} in our country`,
  ], 4, [
    "They should all be driven out of the country, these immigrants", "No Muslims allowed in my shop", "Get rid of the refugees",
    "Women should not be allowed to vote", "Keep the foreigners out", "Immigrants go home",
    "Refugees should keep their mouths shut and be grateful",
  ]),
  ...en("takfir", true, [
    (g) => `${cap(g.g)} are kuffar`,
    (g) => `${cap(g.g)} are not real Muslims`,
    (g) => `${cap(g.g)} are infidels and apostates`,
    (g) => `${cap(g.g)} are all going to hell`,
  ], 5, [
    "Shia are not Muslims, they are kafirs", "The Sufis are grave worshippers and polytheists", "Christians are infidels",
    "Ahmadis are apostates", "All Shias are heretics",
  ]),
  ...en("hatred", true, [
    (g) => `I hate ${g.g}`,
    (g) => `I really hate ${g.g}`,
    (g) => `I despise all ${g.g}`,
    (g) => `I can't stand ${g.g}`,
    (g) => `Fuck ${g.g}`,
    (g) => `${cap(g.g)} disgust me`,
  ], 4, [
    "I hate women.", "God, I hate immigrants so much", "I fucking hate Muslims", "We hate Jews", "Honestly I loathe refugees",
    "I've worked with lots of immigrants and I despise every one of them",
  ]),
];

// ---------------------------------------------------------------- spelling variants and Arabizi
const AR_SPELLING: FunctionalCase[] = cases("spelling", "ar", true, [
  "الشيعه كلهم خونه", "الهنوووود حشرااات", "اليـهـود كـلاب", "الرَّوَافِض خَوَنَة", "ك.ل.ا.ب الشيعة",
  "البنـغال وسـخين", "الوافدين ح ش ر ا ت", "ا ل ن ص ا ر ى كفار", "الشيعة كلااااب", "اليهوُد أنجاس",
  "كل الهنود حراميه", "النسوان غبيااات", "الأجانــب لازم يطلعون برا", "اكرهه الشيعه", "الله يلعن اليهووود",
  "البنقال وصخين", "الشيعة خوانة", "المسيحين كفار", "الشّيعة حشرات", "اقتلوا الـشيعة", "اطردوا الوافـديـن",
  "ال هنود كلاب", "الهنود كل_هم حرامية",
  // A space dropped (hard to see after ة ى ا د ر و, which do not join the next letter).
  "الشيعةكلهم خونة", "اكرهالنساء", "النصارىكلاب", "اطردواالوافدين من البلد", "الهنودكلهم حرامية", "اليهود كلهمكلاب",
]);
const AR_ARABIZI: FunctionalCase[] = cases("arabizi", "ar", true, [
  "el shee3a kilhom 5awana", "kil el hnood 7asharat", "el yahood klaab", "a6ardo el wafdeen mn el balad",
  "el nasara kuffar", "el sunna kilhom dawa3ish", "akrah el shee3a", "el banagla wis5een", "el 7areem ghabiyat",
  "lazim nidba7 el rawafi6", "allah yil3an el yahood", "el hnood 7ayawanat", "el shi3a kfar", "rawafi6 5ona",
  "el ajanib lazim yitla3on barra", "kil el wafdeen 7aramiya", "el 3ajam klaab", "ya rafi6i ya wis5", "el sunna 5awana",
  "ektelo el shee3a", "el masi7iyeen kuffar", "el hunood wsa5",
]);
const EN_SPELLING: FunctionalCase[] = cases("spelling", "en", true, [
  "m*slims are terrorists", "musl1ms are vermin", "I hate w0men", "I h8 women", "i hate womn", "Jeeews are rats",
  "muzlims should be deported", "I hate m u s l i m s", "immigrnats are parasites", "All j3ws are liars",
  "w o m e n are stupid", "Immigrants are verm1n", "I hate imigrants", "kill all muslimz", "Refugess are animals",
  "Musl!ms are filth", "I despise wom3n", "Bl@ck people are savages", "Muslims are terorists", "ihatewomen",
  "Fags should be sh0t", "Deport all immigr4nts",
  "I hatewomen.", "Womenare trash", "Muslims aretrash", "Kill allmuslims", "Immigrantsshould be deported", "Jews arerats",
]);

// ---------------------------------------------------------------- non-hateful contrasts
const AR_CONTRAST: FunctionalCase[] = [
  ...ar("negation", false, [
    (g, k) => `مو كل ${g.g} ${attr(g, k)}`,
    (g, k) => `${g.g} ليسوا ${attr(g, k + 2)}`,
    (g) => `ما أكره ${g.g}`,
    (g, k) => `ليس كل ${g.g} ${attr(g, k + 4)}`,
    (g, k) => `${g.g} مب ${attr(g, k + 6)}، فيهم الطيب وفيهم غيره مثل أي ناس`,
  ], 5, [
    "الشيعة مسلمين مو كفار", "الوافدين ما هم حشرات، هم بشر مثلنا", "ما أحد يقدر يقول إن البنغال حرامية", "ما عمري كرهت الهنود",
  ]),
  ...ar("counter-speech", false, [
    (g, k) => `قول إن كل ${g.g} ${attr(g, k)} تحريض مرفوض`,
    (g) => `اللي يقول إن ${g.g} حشرات عنصري ويجب محاسبته`,
    (g) => `وصف ${g.g} بالكلاب خطاب كراهية لا يمثلنا`,
    (g) => `نرفض أي دعوة لطرد ${g.g} من البلد`,
    (g, k) => `التعميم على ${g.g} بأنهم ${attr(g, k + 3)} ظلم`,
    (g) => `الدعوة لقتل ${g.g} جريمة يعاقب عليها القانون`,
  ], 4, [
    "قول إن كل السنة دواعش تحريض مرفوض", "من يكفر الشيعة يفرق المجتمع الواحد", "كفى تحريضا ضد الوافدين، هم شركاء في البناء",
    "عبارة الهنود حشرات عنصرية ولا تليق بنا",
  ]),
  ...ar("quotation", false, [
    (g) => `قضت المحكمة بسجن شخص كتب أن ${g.g} حشرات`,
    (g) => `القبض على متهم نشر تغريدة تدعو إلى قتل ${g.g}`,
    (g, k) => `قال المتهم في التحقيق إن ${g.g} ${attr(g, k)} وأحيل إلى النيابة`,
    (g) => `أحالت النيابة حسابا يصف ${g.g} بالكفار إلى المحكمة`,
    (g) => `تلقينا رسالة تقول "اطردوا ${g.g}" وقمنا بالإبلاغ عنها`,
  ], 5, [
    "انتشرت عبارة \"كل الشيعة خونة\" وأدانها الجميع", "حكمت المحكمة على صاحب التغريدة التي وصفت البنغال بالصراصير",
  ]),
  ...cases("reclaimed", "ar", false, [
    "أنا رافضي وأفتخر", "نعم أنا صفوي، عندك مشكلة؟", "احنا الروافض كما يسمونا نحب الخير لكل الناس", "رافضي وأفتخر بحب أهل البيت",
    "يسموننا نواصب وإحنا أهل السنة والجماعة", "أنا زنجي وأفتخر بلوني", "أنا بدوي وأفتخر", "أنا عجمي وبحريني وأفتخر",
    "أنا من البحارنة وأفتخر بأهلي", "احنا البنغال نشتغل بجد من الفجر", "أنا وافد وأحب البحرين", "أنا هندي وعايش هنا من ثلاثين سنة",
    "كوني امرأة لا يجعلني أقل من أحد", "أنا مسيحي بحريني وأفتخر", "نحن الشيعة جزء من هذا الوطن", "نحن السنة والشيعة إخوة",
    "أنا يهودي بحريني وعائلتي هنا من زمان", "أنا لاجئ سوري وأشكر البحرين", "أنا معاق وأقدر أشتغل مثل غيري", "يقولون عني مجوسي وأنا أضحك",
  ]),
  ...cases("neutral-mention", "ar", false, [
    "الشيعة والسنة إخوة في هذا الوطن", "أحب جيراني الهنود كثيرا", "الوافدين شركاء في بناء البحرين", "افتتاح كنيسة جديدة للمسيحيين المقيمين",
    "النساء يشكلن نصف المجتمع", "تكريم اللاعبات البحرينيات في البطولة", "زيارة الجالية الهندية لمعرض الكتاب", "اليهود البحرينيون جزء من تاريخ البلد",
    "حملة لدعم اللاجئين السوريين", "تمكين المرأة البحرينية أولوية وطنية", "مبادرة لتوظيف ذوي الإعاقة", "المسيحيين يحتفلون بعيد الميلاد",
    "البنغال يشتغلون في البناء من الصبح", "الحريم في الفريج سوو فعالية حلوة للأطفال", "الأجانب يحبون البحرين وأهلها", "العجم والعرب عاشوا سوا في المنامة",
    "الهنود عندهم أكل لذيذ", "البدو معروفين بالكرم", "المصريين ساعدونا كثير في التعليم", "الوافدين الجدد يراجعون مركز الخدمة",
    "كلاب الشرطة تشارك في العرض", "حملة تطعيم الكلاب والقطط في المنامة", "معرض الحيوانات الأليفة: قطط وكلاب وطيور",
  ]),
];

const EN_CONTRAST: FunctionalCase[] = [
  ...en("negation", false, [
    (g, k) => `Not all ${g.g} are ${EN_ATTR[k % EN_ATTR.length]}`,
    (g, k) => `${cap(g.g)} are not ${EN_ATTR[(k + 3) % EN_ATTR.length]}`,
    (g) => `I don't hate ${g.g}`,
    (g) => `${cap(g.g)} aren't vermin, they're people`,
    (g) => `I would never hurt ${g.g}`,
  ], 5, [
    "No, women are not stupid", "It's not true that immigrants are criminals", "I have never hated Muslims",
    "No refugees deserve to be treated like animals", "No disabled person should ever be hurt",
  ]),
  ...en("counter-speech", false, [
    (g, k) => `Saying ${g.g} are ${EN_ATTR[k % EN_ATTR.length]} is racist`,
    (g) => `Stop calling ${g.g} vermin`,
    (g) => `If you think all ${g.g} are terrorists, you are the problem`,
    (g) => `Statements like "${g.g} are animals" are hate speech`,
    (g) => `Calls to deport ${g.g} are bigotry, plain and simple`,
    (g) => `People who say "kill all ${g.g}" should be ashamed`,
  ], 4, [
    "Saying that women are stupid is sexist nonsense", "I'm sick of people claiming Muslims are terrorists",
    "Being told that 'immigrants are vile' was deeply hurtful",
  ]),
  ...en("quotation", false, [
    (g) => `A man was jailed for tweeting that ${g.g} are vermin`,
    (g) => `He shouted "kill all ${g.g}" and was arrested`,
    (g) => `The court convicted a user who wrote "${g.g} should be deported"`,
    (g) => `Police are investigating posts calling ${g.g} rats`,
    (g) => `The leaflet said "${g.g} are a disease" and the council condemned it`,
  ], 5, [
    "The article quotes a politician saying immigrants are criminals, and fact-checks it",
  ]),
  ...cases("reclaimed", "en", false, [
    "As a queer woman, I love this city", "We dykes are marching on Saturday", "Proud to be a queer Muslim",
    "I'm a fag and proud of it, fight me", "Us trannies have to stick together", "Call me a kafir, I'm still your neighbour",
    "As a black man, I've heard every slur there is", "We're here, we're queer, get used to it", "My fellow queers, happy pride",
    "I'm a proud Paki and I love my heritage", "Being gay is who I am", "I'm an immigrant and I built this business",
    "As a woman in tech, I've seen it all", "I'm a disabled person and I drive myself to work", "Queer and proud since 2010",
    "I'm Muslim and I love my Jewish neighbours", "We refugees are grateful for the welcome", "Dyke march this weekend, everyone welcome",
    "Reclaiming the word queer was a long fight", "I'm a Shia and I'm proud of it",
  ]),
  ...cases("neutral-mention", "en", false, [
    "Muslims around the world celebrate Eid today", "We welcome all immigrants to the job fair", "Women make up half of our workforce",
    "The Jewish community held a remembrance event", "Refugees received food parcels this week", "Gay people deserve equal rights",
    "Our team includes Indians, Pakistanis and Bahrainis", "Christians and Muslims met for an interfaith dinner", "Disabled people need better access",
    "Trans people face discrimination at work", "I love my Filipino colleagues", "Black people have contributed so much to music",
    "The dog show is this Saturday", "Pest control: we will exterminate rats and cockroaches in the old market", "Migrant workers get a new health card",
    "Asian restaurants are my favourite", "Expats can now renew visas online", "Sikhs run a free kitchen every Friday",
    "Arabs and Persians share a long history", "Africans in Bahrain celebrated Africa Day",
  ]),
];

export const FUNCTIONAL_CASES: FunctionalCase[] = [
  ...AR_HATEFUL, ...AR_SPELLING, ...AR_ARABIZI, ...AR_CONTRAST,
  ...EN_HATEFUL, ...EN_SPELLING, ...EN_CONTRAST,
];
