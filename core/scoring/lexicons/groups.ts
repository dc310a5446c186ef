/**
 * Groups that hate speech is aimed at (COC-6, and the cohesion of "نسيج المجتمع الواحد"): sects,
 * religions, nationalities and origins (including expatriate communities), ethnicities and tribes,
 * gender and sexuality, disability, and political currents. Our own curation from general
 * knowledge of Gulf Arabic, MSA and English; no list is copied from a dataset.
 *
 * Arabic terms are written without clitics; the matcher adds و ف ب ل ك, the article (ال, لل, هال)
 * and folds spelling (ة/ه, أ/ا, ى/ي, doubled letters). A term written with "ال" counts only with
 * the article (البدون, not بدون = "without"). `weak` terms are singular or ambiguous: they name a
 * group only when a pattern follows them directly (الهندي وسخ) and never for "hatred" verbs.
 * `arabizi` spellings are Latin Arabic (shee3a, hnood), folded like the text.
 */

export type GroupKind = "sect" | "religion" | "origin" | "ethnicity" | "tribe" | "gender" | "sexuality" | "disability" | "political" | "people";

export interface GroupDef {
  id: string;
  kind: GroupKind;
  label: { ar: string; en: string };
  ar?: string[];
  en?: string[];
  /** Singular or ambiguous forms (see above). */
  weak?: string[];
  arabizi?: string[];
  /** Slur forms: also hate in themselves (the lexicon flags them), and here they name the group. */
  slur?: string[];
}

export const GROUPS: GroupDef[] = [
  // ---- sects
  {
    id: "shia", kind: "sect", label: { ar: "الشيعة", en: "Shia" },
    ar: ["شيعة", "شيعيين", "شيعيون", "اتباع المذهب الجعفري", "اتباع المذهب الشيعي", "الطائفة الشيعية", "المذهب الشيعي", "البحارنة", "بحارنة"],
    en: ["shia", "shias", "shiite", "shiites", "shia muslims", "shiite muslims", "shi ites", "shi ite", "baharna"],
    weak: ["شيعي", "شيعية"],
    slur: ["روافض", "رافضة", "رافضي", "رافضية", "رافضيين", "مجوس", "مجوسي", "صفويين", "صفوية", "صفوي", "صفاينة", "عبيد ايران", "ذيول ايران", "عباد القبور",
      "عابد القبور", "عبدة النار", "عباد النار", "عابد النار", "rafidi", "rafidis", "rawafid", "majoos", "rawafi6", "rawafidh", "rawafed", "rafi6a", "rafi6i", "rafidhi",
      "majous", "safawi", "safaweyeen"],
    arabizi: ["shee3a", "shi3a", "she3a", "sh3a", "shi3ah", "shee3ah", "el shia"],
  },
  {
    id: "sunni", kind: "sect", label: { ar: "السنة", en: "Sunni" },
    ar: ["السنة", "اهل السنة", "اهل السنة والجماعة", "سنيين", "سنيون", "الطائفة السنية", "المذهب السني", "اتباع المذهب السني"],
    en: ["sunni", "sunnis", "sunni muslims", "wahhabis", "wahabis"],
    weak: ["سني", "سنية"],
    slur: ["نواصب", "ناصبي", "ناصبية", "ناصبة", "وهابية", "وهابيين", "وهابي", "nawasib", "nasibi", "nawase6", "nase6i", "wahabiya"],
    arabizi: ["sunna", "sunnah", "el sunna", "sinna"],
  },
  { id: "sufi", kind: "sect", label: { ar: "الصوفية", en: "Sufis" }, ar: ["الصوفية", "صوفيين", "متصوفة"], en: ["sufis"], weak: ["صوفي"] },
  { id: "ismaili", kind: "sect", label: { ar: "الإسماعيلية", en: "Ismailis" }, ar: ["الاسماعيلية", "اسماعيليين"], en: ["ismailis"] },
  { id: "alawite", kind: "sect", label: { ar: "العلويين", en: "Alawites" }, ar: ["علويين", "العلوية"], en: ["alawites"], slur: ["نصيرية", "نصيريين"] },
  { id: "druze", kind: "sect", label: { ar: "الدروز", en: "Druze" }, ar: ["دروز"], en: ["druze"] },
  { id: "ibadi", kind: "sect", label: { ar: "الإباضية", en: "Ibadis" }, ar: ["الاباضية", "اباضيين"], en: ["ibadis"] },
  { id: "ahmadi", kind: "sect", label: { ar: "الأحمدية", en: "Ahmadis" }, ar: ["الاحمدية", "احمديين", "القاديانية", "قاديانيين"], en: ["ahmadis", "ahmadiyya", "qadianis"] },
  // ---- religions
  {
    id: "muslims", kind: "religion", label: { ar: "المسلمون", en: "Muslims" },
    ar: ["مسلمين", "مسلمون", "مسلمات", "الاسلام"],
    en: ["muslims", "moslems", "muslim people", "muslim men", "muslim women", "muslim immigrants", "followers of islam", "islam"],
    weak: ["muslim", "moslem"],
    slur: ["muzzies", "muzzie", "muzrats", "muzrat", "mozzies"],
    arabizi: ["muslimeen", "moslemeen", "mslmeen"],
  },
  {
    id: "christians", kind: "religion", label: { ar: "المسيحيون", en: "Christians" },
    ar: ["مسيحيين", "مسيحيون", "مسيحيات", "نصارى", "اقباط", "الطائفة المسيحية", "كاثوليك", "النصرانية"],
    en: ["christians", "catholics", "protestants", "copts", "christian people", "christianity"],
    weak: ["مسيحي", "نصراني", "christian"],
    slur: ["صليبيين", "الصليبيون", "عباد الصليب", "عبدة الصليب", "عابد الصليب"],
    arabizi: ["masi7iyeen", "masihiyeen", "masee7iyeen", "masi7yeen", "nasara", "nasaara", "nasarah"],
  },
  {
    id: "jews", kind: "religion", label: { ar: "اليهود", en: "Jews" },
    ar: ["يهود", "اليهود", "الطائفة اليهودية", "بني اسرائيل"],
    en: ["jews", "jewish people", "jewish men", "jewish women", "jewish community", "jewry", "judaism"],
    weak: ["يهودي", "يهودية", "jew", "jewish"],
    slur: ["بني صهيون", "احفاد القردة", "احفاد القردة والخنازير", "kikes", "kike", "yids"],
    arabizi: ["yahood", "ya7ood", "yahud", "yehood", "yahoud"],
  },
  { id: "hindus", kind: "religion", label: { ar: "الهندوس", en: "Hindus" }, ar: ["هندوس", "الهندوسية"], en: ["hindus", "hindu people", "hinduism"], weak: ["هندوسي", "hindu"], slur: ["عبدة البقر", "عباد البقر", "عابد البقر", "عابدين البقر"] },
  { id: "buddhists", kind: "religion", label: { ar: "البوذيون", en: "Buddhists" }, ar: ["بوذيين", "بوذيون"], en: ["buddhists"] },
  { id: "sikhs", kind: "religion", label: { ar: "السيخ", en: "Sikhs" }, ar: ["السيخ"], en: ["sikhs", "sikh people"], weak: ["sikh"] },
  { id: "bahais", kind: "religion", label: { ar: "البهائيون", en: "Baha'is" }, ar: ["بهائيين", "بهائيون", "البهائية"], en: ["bahais"] },
  { id: "atheists", kind: "religion", label: { ar: "الملحدون", en: "atheists" }, ar: ["ملحدين", "ملحدون", "ملاحدة", "لادينيين"], en: ["atheists"] },
  // ---- origins, nationalities, expatriate communities
  {
    id: "indians", kind: "origin", label: { ar: "الهنود", en: "Indians" },
    ar: ["هنود", "الجالية الهندية", "العمالة الهندية", "الشعب الهندي", "هنديات"],
    en: ["indians", "indian people", "indian workers", "indian immigrants"],
    weak: ["هندي", "الهندي", "indian"],
    slur: ["curry munchers", "dotheads"],
    arabizi: ["hnood", "hunood", "hnod", "hunud", "el hnood", "hnoud"],
  },
  {
    id: "bangladeshis", kind: "origin", label: { ar: "البنغال", en: "Bangladeshis" },
    ar: ["بنغال", "بنقال", "بنغاليين", "بنقاليين", "بنجلاديشيين", "بنغلاديشيين", "بنقلاديشيين", "الجالية البنغالية", "العمالة البنغالية"],
    en: ["bangladeshis", "bengalis", "bangalis", "bangladeshi people", "bangladeshi workers"],
    weak: ["بنغالي", "بنقالي", "bangladeshi", "bengali"],
    arabizi: ["banagla", "bangal", "bengal", "bangaal", "banghal"],
  },
  {
    id: "pakistanis", kind: "origin", label: { ar: "الباكستانيون", en: "Pakistanis" },
    ar: ["باكستانيين", "باكستانيون", "الجالية الباكستانية", "العمالة الباكستانية"],
    en: ["pakistanis", "pakistani people"], weak: ["باكستاني", "pakistani"], slur: ["pakis", "paki"],
    arabizi: ["pakistaniyeen", "bakistaniyeen"],
  },
  {
    id: "asians", kind: "origin", label: { ar: "الآسيويون", en: "Asians" },
    ar: ["اسيويين", "اسيويون", "العمالة الاسيوية", "العمال الاسيويين"],
    en: ["asians", "asian people", "asian workers"], weak: ["اسيوي", "asian"], slur: ["chinks", "chink", "gooks", "gook"],
    arabizi: ["asyaweyeen", "asyaween", "asyawiyeen"],
  },
  {
    id: "expatriates", kind: "origin", label: { ar: "الوافدون", en: "expatriates and migrants" },
    ar: ["وافدين", "وافدون", "العمالة الوافدة", "الجاليات", "الجاليات الاجنبية", "اجانب", "الاجانب", "مهاجرين", "المهاجرين", "عمالة اجنبية", "العمالة الاجنبية", "المقيمين الاجانب"],
    en: ["immigrants", "migrants", "expats", "expatriates", "foreigners", "foreign workers", "migrant workers", "illegals", "aliens"],
    weak: ["وافد", "اجنبي", "immigrant", "migrant", "foreigner", "expat"],
    arabizi: ["wafdeen", "wafideen", "wafedeen", "wafdin", "ajanib", "ajaneb", "ejanib", "ajanb"],
  },
  {
    id: "refugees", kind: "origin", label: { ar: "اللاجئون", en: "refugees" },
    ar: ["لاجئين", "لاجئون", "نازحين"], en: ["refugees", "asylum seekers"], weak: ["لاجئ", "refugee"],
    arabizi: ["laji2een", "la2jieen", "lajieen"],
  },
  { id: "filipinos", kind: "origin", label: { ar: "الفلبينيون", en: "Filipinos" }, ar: ["فلبينيين", "فلبينيات", "فلبينيون", "الجالية الفلبينية"], en: ["filipinos", "filipinas", "filipino people"], weak: ["فلبيني", "filipino"] },
  { id: "nepalis", kind: "origin", label: { ar: "النيباليون", en: "Nepalis" }, ar: ["نيباليين", "نيباليون"], en: ["nepalis", "nepalese"] },
  { id: "srilankans", kind: "origin", label: { ar: "السريلانكيون", en: "Sri Lankans" }, ar: ["سريلانكيين", "سيرلانكيين", "سريلانكيات"], en: ["sri lankans"] },
  { id: "ethiopians", kind: "origin", label: { ar: "الإثيوبيون", en: "Ethiopians" }, ar: ["اثيوبيين", "اثيوبيات", "احباش"], en: ["ethiopians"] },
  { id: "africans", kind: "origin", label: { ar: "الأفارقة", en: "Africans" }, ar: ["افارقة", "افريقيين"], en: ["africans", "african people"], weak: ["افريقي", "african"] },
  { id: "egyptians", kind: "origin", label: { ar: "المصريون", en: "Egyptians" }, ar: ["مصريين", "مصريون", "مصاروة", "الشعب المصري"], en: ["egyptians"], weak: ["مصري", "egyptian"], arabizi: ["masriyeen", "masryeen", "msryeen"] },
  { id: "syrians", kind: "origin", label: { ar: "السوريون", en: "Syrians" }, ar: ["سوريين", "سوريون", "شوام", "الشعب السوري"], en: ["syrians"], weak: ["سوري", "syrian"] },
  { id: "lebanese", kind: "origin", label: { ar: "اللبنانيون", en: "Lebanese" }, ar: ["لبنانيين", "لبنانيون"], en: ["lebanese people"] },
  { id: "iraqis", kind: "origin", label: { ar: "العراقيون", en: "Iraqis" }, ar: ["عراقيين", "عراقيون", "الشعب العراقي"], en: ["iraqis"], weak: ["عراقي"] },
  { id: "iranians", kind: "origin", label: { ar: "الإيرانيون", en: "Iranians" }, ar: ["ايرانيين", "ايرانيون", "الفرس", "العجم", "عجم", "الهولة", "الشعب الايراني"], en: ["iranians", "persians", "ajam"], weak: ["ايراني", "عجمي", "فارسي", "iranian"], arabizi: ["3ajam", "el 3ajam", "iraniyeen"] },
  { id: "yemenis", kind: "origin", label: { ar: "اليمنيون", en: "Yemenis" }, ar: ["يمنيين", "يمنيون", "يمانية"], en: ["yemenis"] },
  { id: "palestinians", kind: "origin", label: { ar: "الفلسطينيون", en: "Palestinians" }, ar: ["فلسطينيين", "فلسطينيون", "الشعب الفلسطيني"], en: ["palestinians"] },
  { id: "jordanians", kind: "origin", label: { ar: "الأردنيون", en: "Jordanians" }, ar: ["اردنيين", "اردنيون"], en: ["jordanians"] },
  { id: "saudis", kind: "origin", label: { ar: "السعوديون", en: "Saudis" }, ar: ["سعوديين", "سعوديون", "الشعب السعودي"], en: ["saudis"] },
  { id: "kuwaitis", kind: "origin", label: { ar: "الكويتيون", en: "Kuwaitis" }, ar: ["كويتيين", "كويتيون", "كوايتة", "الشعب الكويتي"], en: ["kuwaitis"] },
  { id: "qataris", kind: "origin", label: { ar: "القطريون", en: "Qataris" }, ar: ["قطريين", "قطريون", "الشعب القطري"], en: ["qataris"] },
  { id: "emiratis", kind: "origin", label: { ar: "الإماراتيون", en: "Emiratis" }, ar: ["اماراتيين", "اماراتيون"], en: ["emiratis"] },
  { id: "omanis", kind: "origin", label: { ar: "العمانيون", en: "Omanis" }, ar: ["عمانيين", "عمانيون", "الشعب العماني"], en: ["omanis"] },
  { id: "bahrainis", kind: "origin", label: { ar: "البحرينيون", en: "Bahrainis" }, ar: ["بحرينيين", "بحرينيون", "الشعب البحريني"], en: ["bahrainis"] },
  { id: "gulf", kind: "origin", label: { ar: "الخليجيون", en: "Gulf Arabs" }, ar: ["خليجيين", "خليجيون"], en: ["khaleejis"] },
  { id: "sudanese", kind: "origin", label: { ar: "السودانيون", en: "Sudanese" }, ar: ["سودانيين", "سودانيون"], en: ["sudanese people"] },
  { id: "somalis", kind: "origin", label: { ar: "الصوماليون", en: "Somalis" }, ar: ["صوماليين", "صوماليون"], en: ["somalis"] },
  { id: "moroccans", kind: "origin", label: { ar: "المغاربة", en: "Moroccans" }, ar: ["مغاربة", "مغربيات"], en: ["moroccans"] },
  { id: "algerians", kind: "origin", label: { ar: "الجزائريون", en: "Algerians" }, ar: ["جزائريين", "جزائريون"], en: ["algerians"] },
  { id: "tunisians", kind: "origin", label: { ar: "التونسيون", en: "Tunisians" }, ar: ["توانسة", "تونسيين"], en: ["tunisians"] },
  { id: "turks", kind: "origin", label: { ar: "الأتراك", en: "Turks" }, ar: ["اتراك"], en: ["turks"] },
  { id: "afghans", kind: "origin", label: { ar: "الأفغان", en: "Afghans" }, ar: ["افغان", "افغانيين"], en: ["afghans"] },
  { id: "chinese", kind: "origin", label: { ar: "الصينيون", en: "Chinese" }, ar: ["صينيين", "صينيون"], en: ["chinese people"] },
  { id: "americans", kind: "origin", label: { ar: "الأمريكيون", en: "Americans" }, ar: ["امريكان", "امريكيين", "امريكيون"], en: ["americans"] },
  { id: "mexicans", kind: "origin", label: { ar: "المكسيكيون", en: "Mexicans" }, en: ["mexicans"], slur: ["wetbacks", "wetback", "spics", "spic", "beaners"] },
  {
    id: "arabs", kind: "origin", label: { ar: "العرب", en: "Arabs" },
    ar: ["عرب", "العرب", "اعراب", "عربان"], en: ["arabs", "arab people"], weak: ["arab"],
    slur: ["ragheads", "raghead", "towelheads", "towelhead", "camel jockeys", "sand niggers", "sandniggers"],
  },
  { id: "roma", kind: "origin", label: { ar: "الغجر", en: "Roma" }, ar: ["غجر"], en: ["gypsies", "roma people"] },
  // A whole people, named by the word itself (شعب قذر, شعب كامل من الكذابين, الشعب كله حرامية, "a nation of thieves").
  {
    id: "people", kind: "people", label: { ar: "شعب أو طائفة بأكملها", en: "a whole people or sect" }, ar: ["شعب", "شعوب", "الشعب"],
    en: ["nation of", "race of", "people of that sect", "people of this sect", "that sect", "this sect", "followers of that religion", "members of that sect", "people of that religion"],
  },
  // ---- ethnicity, tribe, social standing
  {
    id: "black", kind: "ethnicity", label: { ar: "السود", en: "Black people" },
    ar: ["السود", "اصحاب البشرة السمراء", "ذوي البشرة السوداء"], en: ["black people", "blacks", "black men", "black women", "black folks", "negroes"],
    slur: ["زنوج", "زنجي", "niggers", "nigger", "coons"],
  },
  { id: "white", kind: "ethnicity", label: { ar: "البيض", en: "white people" }, en: ["white people", "whites"] },
  { id: "kurds", kind: "ethnicity", label: { ar: "الأكراد", en: "Kurds" }, ar: ["اكراد", "كرد"], en: ["kurds"] },
  { id: "bedouin", kind: "tribe", label: { ar: "البدو", en: "Bedouin" }, ar: ["بدو", "بدوان", "القبائل", "القبايل", "عيال القبايل", "ابناء القبائل"], en: ["bedouins", "bedouin"], weak: ["بدوي"], arabizi: ["badu", "bedu", "bdu", "el badu"] },
  { id: "hadar", kind: "tribe", label: { ar: "الحضر", en: "Hadar" }, ar: ["الحضر"] },
  { id: "naturalised", kind: "origin", label: { ar: "المجنسون", en: "naturalised citizens" }, ar: ["مجنسين", "مجنسون", "المجنسين"] },
  { id: "stateless", kind: "origin", label: { ar: "البدون", en: "stateless residents" }, ar: ["البدون"] },
  // ---- gender and sexuality
  {
    id: "women", kind: "gender", label: { ar: "النساء", en: "women" },
    ar: ["نساء", "النساء", "نسوان", "حريم", "الحريم", "البنات", "فتيات", "اناث", "الاناث", "ستات", "بنات حواء", "الجنس الناعم", "نسويات", "النسويات", "المطلقات", "العوانس", "المراة"],
    en: ["women", "females", "girls", "ladies", "feminists", "women drivers"],
    weak: ["حرمة", "woman", "female"],
    arabizi: ["7areem", "hareem", "7arim", "7reem", "niswan", "neswan", "nswan", "nisaa", "nisa2", "nesa2", "el 7areem", "banat"],
  },
  { id: "men", kind: "gender", label: { ar: "الرجال", en: "men" }, ar: ["الرجال", "رجاجيل", "الذكور"], en: ["men", "males"], weak: ["الرجل"], arabizi: ["rayayeel", "rjal", "rijal"] },
  {
    id: "lgbt", kind: "sexuality", label: { ar: "المثليون ومغايرو الهوية", en: "gay and trans people" },
    ar: ["مثليين", "مثليون", "المثليين جنسيا", "متحولين", "المتحولين جنسيا", "الجنس الثالث", "مجتمع الميم"],
    en: ["gays", "gay people", "gay men", "lesbians", "homosexuals", "queers", "bisexuals", "trans people", "transgender people", "transgenders", "lgbt people", "lgbtq people", "trans women", "trans men", "lgbt", "lgbtq"],
    weak: ["gay", "lesbian", "homosexual"],
    slur: ["شواذ", "لوطيين", "قوم لوط", "البويات", "faggots", "faggot", "fags", "fag", "dykes", "dyke", "trannies", "tranny", "shemales"],
  },
  // ---- disability
  {
    id: "disabled", kind: "disability", label: { ar: "ذوو الإعاقة", en: "disabled people" },
    ar: ["معاقين", "المعاقين", "معوقين", "ذوي الاعاقة", "ذوي الاحتياجات الخاصة", "اصحاب الهمم", "المكفوفين", "الصم", "المتخلفين عقليا", "منغوليين"],
    en: ["disabled people", "the disabled", "cripples", "autistic people", "deaf people", "blind people", "people with disabilities", "wheelchair users", "retards", "mentally ill people"],
    weak: ["معاق", "معوق"],
  },
  // ---- political and ideological currents (COC-6: political opinions); Arabic only
  { id: "islamists", kind: "political", label: { ar: "الإخوان", en: "the Muslim Brotherhood" }, ar: ["الاخوان", "الاخوان المسلمين", "اخوان الشياطين", "الاسلاميين"], slur: ["اخونجي", "اخونجية", "اخوانجي", "اخوانجية"] },
  { id: "secularists", kind: "political", label: { ar: "العلمانيون", en: "secularists" }, ar: ["علمانيين", "علمانيون", "ليبراليين", "ليبراليون", "الشيوعيين"] },
  { id: "salafis", kind: "political", label: { ar: "السلفيون", en: "Salafis" }, ar: ["سلفيين", "سلفيون"], en: ["salafis"] },
  { id: "zionists", kind: "political", label: { ar: "الصهاينة", en: "Zionists" }, ar: ["صهاينة", "الصهاينة", "صهاينه"], weak: ["صهيوني"] },
  { id: "opposition", kind: "political", label: { ar: "المعارضة", en: "the opposition" }, ar: ["المعارضين", "المعارضة"] },
];

/**
 * A head noun followed by a nationality or sect adjective names a group (الشعب المصري, الجالية
 * الهندية, أتباع ذلك المذهب); "شعب"/"people" alone names a whole people when a superlative or
 * negative attribute is aimed at it (أوسخ شعب).
 */
export const GROUP_HEAD_NOUNS_AR = ["شعب", "الشعب", "شعوب", "الشعوب", "جالية", "الجالية", "الجاليات", "العمالة", "عمالة", "العمال", "الطائفة", "طائفة", "المذهب", "مذهب", "اتباع", "ابناء", "ابناء الطائفة", "قبيلة", "القبيلة", "قبائل", "عرق", "العرق", "جنسية", "الجنسية", "امة", "الامة", "قوم"];
export const NATIONALITY_ADJ_AR = [
  "الهندي", "الهندية", "البنغالي", "البنغالية", "الباكستاني", "الباكستانية", "الاسيوي", "الاسيوية", "الفلبيني", "الفلبينية", "المصري", "المصرية",
  "السوري", "السورية", "العراقي", "العراقية", "الايراني", "الايرانية", "الفارسي", "الشيعي", "الشيعية", "السني", "السنية", "اليهودي", "اليهودية",
  "المسيحي", "المسيحية", "الافريقي", "الافريقية", "الاجنبي", "الاجنبية", "الوافد", "الوافدة", "البحريني", "البحرينية", "السعودي", "الكويتي",
  "القطري", "العماني", "اليمني", "الفلسطيني", "الاردني", "اللبناني", "السوداني", "الصومالي", "الاثيوبي", "النيبالي", "السريلانكي", "التركي",
  "الافغاني", "الصيني", "الامريكي", "العربي", "الكردي", "البدوي", "الجعفري", "ذلك", "هذا", "هذه", "تلك", "هذي", "هاذي", "هالشعب", "الفلاني",
];
/** English adjectives that name a group before a people-noun ("Chinese people", "gay men"). */
export const GROUP_ADJ_EN = [
  "chinese", "japanese", "korean", "vietnamese", "indian", "pakistani", "bangladeshi", "filipino", "nepali", "nepalese", "african", "asian", "arab",
  "muslim", "jewish", "christian", "hindu", "sikh", "black", "white", "brown", "gay", "lesbian", "trans", "transgender", "queer", "disabled",
  "mexican", "latino", "hispanic", "turkish", "kurdish", "iranian", "persian", "syrian", "iraqi", "egyptian", "somali", "nigerian", "romanian",
  "polish", "russian", "ukrainian", "afghan", "foreign", "immigrant", "migrant", "refugee", "shia", "sunni", "catholic", "autistic", "deaf",
];
export const PEOPLE_NOUNS_EN = ["people", "person", "lives", "folks", "men", "women", "guys", "girls", "boys", "kids", "immigrants", "workers", "families", "persons", "ppl", "community", "communities", "population", "refugees"];
