/**
 * Hand-written case suite: per rule, positive cases and false-positive traps, Arabic and English.
 * Used by tests/scoring/cases.test.ts and counted by `npm run eval:scorer`.
 */
import type { AccountClass, ContentKind } from "./types";

export interface Case {
  name: string;
  text: string;
  accountClass?: AccountClass;
  kind?: ContentKind;
  entityDomains?: string[];
  /** Rules that must be flagged. */
  flags?: string[];
  /** Rules that must not be flagged ("*" = no flag at all). */
  not?: string[];
  /** Exact text of a span that must be reported for the first rule in `flags`. */
  span?: string;
}

const MOH = ["moh.gov.bh"];

export const CASES: Case[] = [
  // off.insult (COC-2)
  { name: "vocative dog", text: "يا كلب", flags: ["off.insult"], span: "كلب" },
  { name: "neutral dog", text: "لا تترك كلبك في السيارة", not: ["*"] },
  { name: "neutral dog, Gulf spelling", text: "شفت چلب صغير في الحديقة اليوم", not: ["*"] },
  { name: "son of a dog", text: "يا ابن الكلب وش تبي", flags: ["off.insult"] },
  { name: "elongated donkey", text: "انت حماااار", flags: ["off.insult"], span: "حماااار" },
  { name: "diacritics and tatweel", text: "يا حَــمــار", flags: ["off.insult"] },
  { name: "dotted letters", text: "يا ح.م.ا.ر", flags: ["off.insult"], span: "ح.م.ا.ر" },
  { name: "spaced letters", text: "يا ح م ا ر", flags: ["off.insult"] },
  { name: "Arabizi donkey", text: "ya 7mar", flags: ["off.insult"], span: "7mar" },
  { name: "always-insult", text: "هذا الشخص حقير جدا", flags: ["off.insult"], span: "حقير" },
  { name: "curse", text: "الله يلعنك على هالكلام", flags: ["off.insult"] },
  { name: "zero-width inside insult", text: "يا ح\u200Bمار", flags: ["off.insult"] },
  { name: "neutral donkey (farm)", text: "الحمار حيوان صبور يستخدم في الزراعة", not: ["*"] },
  { name: "neutral rubbish collection", text: "تم جمع الزبالة من الشوارع صباح اليوم", not: ["*"] },
  { name: "English insult", text: "you stupid pig", flags: ["off.insult"] },
  { name: "English idiot", text: "What an idiot, honestly", flags: ["off.insult"], span: "idiot" },
  { name: "English neutral pig", text: "Pig farming is banned in Bahrain", not: ["*"] },
  { name: "English neutral dog", text: "Please keep your dog on a leash in the park", not: ["*"] },
  { name: "vocative (yaa) football", text: "الحمدلله يارب فوز مهم يا زمالك", not: ["*"] },
  // off.entity (COC-3)
  { name: "insult at ministry", text: "الله يلعنكم يا وزارة الفشل", flags: ["off.insult", "off.entity"] },
  { name: "English insult at ministry", text: "The ministry is run by idiots", flags: ["off.entity"] },
  { name: "praise of ministry", text: "شكرا لوزارة الصحة على جهودها", not: ["*"] },
  // obs.vulgar (COC-5)
  { name: "Arabic obscenity", text: "يا ابن الشرموطة", flags: ["obs.vulgar"] },
  { name: "obscenity with suffix", text: "كسمك", flags: ["obs.vulgar"] },
  { name: "English obscenity", text: "fuck this traffic", flags: ["obs.vulgar"], span: "fuck" },
  { name: "obscured English", text: "f*ck you", flags: ["obs.vulgar"] },
  { name: "English clean with similar letters", text: "The shipment of cocoa arrived", not: ["*"] },
  { name: "Arabic box word is not obscene", text: "كسر الرقم القياسي في السباق", not: ["*"] },
  // hate.offence / hate.incitement (COC-6)
  { name: "sectarian slur", text: "يا رافضي يا مجوسي", flags: ["hate.offence"] },
  { name: "religion as insult", text: "انت يهودي ما تستاهل", flags: ["hate.offence"] },
  { name: "neutral religion mention", text: "زار الوفد كنيسة ومسجدا ومعبدا يهوديا في المنامة تعزيزا للتعايش", not: ["*"] },
  { name: "neutral Shia/Sunni mention", text: "المجتمع البحريني سنة وشيعة إخوة", not: ["hate.offence", "hate.incitement"] },
  { name: "incitement Arabic", text: "اقتلوهم كلهم ولا ترحموهم", flags: ["hate.incitement"] },
  { name: "death to", text: "الموت للخونة", flags: ["hate.incitement"] },
  { name: "English incitement", text: "They should all burn. Kill them all!", flags: ["hate.incitement"] },
  { name: "death doesn't spare", text: "الموت لا يرحم أحدا، رحم الله الفقيد", not: ["hate.incitement"] },
  // pd.* (COC-4)
  { name: "CPR with context", text: "الرقم الشخصي للمواطن 850312345", flags: ["pd.cpr"], span: "850312345" },
  { name: "CPR English context", text: "His CPR is 920745678 please check", flags: ["pd.cpr"] },
  { name: "CPR Arabic-Indic digits", text: "رقم الهوية ٨٥٠٣١٢٣٤٥", flags: ["pd.cpr"], span: "٨٥٠٣١٢٣٤٥" },
  { name: "invoice number is not CPR", text: "رقم الفاتورة 850312345 بتاريخ اليوم", not: ["pd.cpr"] },
  { name: "bare 9 digits is not CPR", text: "Order 850312345 shipped", not: ["*"] },
  { name: "CPR with impossible month", text: "الرقم الشخصي 851512345", not: ["pd.cpr"] },
  { name: "mobile with +973", text: "تواصلوا مع أحمد +973 3912 3456", flags: ["pd.phone"], span: "+973 3912 3456" },
  { name: "mobile with 00973", text: "call 0097366123456", flags: ["pd.phone"] },
  { name: "mobile with context", text: "رقم جوال المتهم 36123456", flags: ["pd.phone"] },
  { name: "toll-free is public", text: "اتصل على الرقم المجاني 80008000", not: ["*"] },
  { name: "toll-free with +973", text: "Call us on +973 8000 8001", not: ["*"] },
  { name: "official hotline on official account", text: "للاستفسار يرجى الاتصال على 17123456", accountClass: "official", not: ["*"] },
  { name: "amount is not a phone", text: "بلغت الميزانية 35000000 دينار", not: ["*"] },
  { name: "valid IBAN", text: "حولوا على الحساب BH67BMAG00001299123456", flags: ["pd.iban"] },
  { name: "IBAN with spaces", text: "IBAN: BH67 BMAG 0000 1299 1234 56", flags: ["pd.iban"] },
  { name: "IBAN with bad check digits", text: "BH68BMAG00001299123456", not: ["pd.iban"] },
  { name: "personal email", text: "ارسلوا السيرة على ahmed.ali88@gmail.com", flags: ["pd.email"], span: "ahmed.ali88@gmail.com" },
  { name: "official email is not personal", text: "راسلونا على info@moh.gov.bh", entityDomains: MOH, not: ["*"] },
  { name: "entity domain email is not personal", text: "Write to fatima@health.bh", entityDomains: ["health.bh"], not: ["pd.email"] },
  { name: "look-alike gov domain is personal", text: "contact ahmed@lmra.gov.bh-wvs.app", flags: ["pd.email"] },
  { name: "passport number", text: "رقم جواز السفر A1234567 للمسافر", flags: ["pd.passport"] },
  { name: "passport-shaped number without context", text: "Ticket A1234567 confirmed", not: ["*"] },
  // conf.* (COC-4 / COC-9)
  { name: "top secret marker", text: "سري للغاية: قائمة الترقيات القادمة", flags: ["conf.marker"], span: "سري للغاية" },
  { name: "internal use", text: "مرفق التعميم (للاستخدام الداخلي فقط)", flags: ["conf.marker"] },
  { name: "staff only", text: "خاص بالموظفين: جدول المناوبات", flags: ["conf.marker"] },
  { name: "confidential label", text: "CONFIDENTIAL - draft budget 2027", flags: ["conf.marker"] },
  { name: "internal only", text: "Internal only: restructuring plan attached", flags: ["conf.marker"] },
  { name: "not for distribution", text: "Draft statement, not for distribution", flags: ["conf.marker"] },
  { name: "leaked document cue", text: "وثيقة مسربة تكشف تفاصيل العقد", flags: ["conf.marker"] },
  { name: "internal circular", text: "تعميم داخلي بشأن الإجازات", flags: ["conf.marker"] },
  { name: "secret letter", text: "انتشر كتاب سري صادر عن الإدارة", flags: ["conf.marker"] },
  { name: "talks about confidentiality (ar)", text: "نحافظ على سرية بياناتكم", not: ["*"] },
  { name: "talks about confidentiality (en)", text: "We keep your data confidential.", not: ["*"] },
  { name: "secret ballot", text: "التصويت سري ومباشر في الانتخابات", not: ["*"] },
  { name: "confidential hotline", text: "Reports to our hotline are treated as strictly private and handled confidentially", not: ["*"] },
  { name: "COC-9 on employee", text: "سري للغاية: نتائج التحقيق", accountClass: "employee", flags: ["conf.marker", "conf.position"] },
  { name: "no COC-9 on official", text: "سري للغاية: نتائج التحقيق", accountClass: "official", flags: ["conf.marker"], not: ["conf.position"] },
  // disc.* / email.work (COC-7 / COC-8)
  { name: "bio without disclaimer", text: "أحب القراءة والسفر والرياضة", kind: "bio", accountClass: "employee", flags: ["disc.missing"] },
  { name: "bio with Arabic disclaimer", text: "مهندس | الآراء تمثلني", kind: "bio", accountClass: "employee", not: ["*"] },
  { name: "bio with personal-account disclaimer", text: "حساب شخصي — أحب التصوير", kind: "bio", accountClass: "executive", not: ["*"] },
  { name: "bio with tweets disclaimer", text: "التغريدات تعبر عن رأيي الشخصي", kind: "bio", accountClass: "employee", not: ["*"] },
  { name: "bio with English disclaimer", text: "Runner. Views are my own.", kind: "bio", accountClass: "employee", not: ["*"] },
  { name: "title without disclaimer", text: "مدير إدارة التخطيط بوزارة الصحة", kind: "bio", accountClass: "executive", flags: ["disc.title-or-contact"] },
  { name: "English title without disclaimer", text: "Director of Planning, Ministry of Health", kind: "bio", accountClass: "executive", flags: ["disc.title-or-contact"] },
  { name: "title with disclaimer", text: "مدير إدارة التخطيط بوزارة الصحة | الآراء الواردة تمثلني", kind: "bio", accountClass: "executive", not: ["*"] },
  { name: "work email on personal bio", text: "ahmed@moh.gov.bh | حساب شخصي", kind: "bio", accountClass: "employee", entityDomains: MOH, flags: ["email.work"], not: ["disc.missing", "disc.title-or-contact"] },
  { name: "entity-domain work email", text: "Engineer. fatima@ewa.bh. Views my own", kind: "bio", accountClass: "employee", entityDomains: ["ewa.bh"], flags: ["email.work"] },
  { name: "gmail on personal bio is fine", text: "ahmed@gmail.com | حساب شخصي", kind: "bio", accountClass: "employee", not: ["*"] },
  { name: "official bio needs no disclaimer", text: "الحساب الرسمي لوزارة الصحة - مملكة البحرين info@moh.gov.bh", kind: "bio", accountClass: "official", entityDomains: MOH, not: ["*"] },
  { name: "official contact on personal bio", text: "للتواصل: info@moh.gov.bh", kind: "bio", accountClass: "employee", entityDomains: MOH, flags: ["disc.title-or-contact", "email.work"] },
  // clean everyday posts
  { name: "clean announcement (ar)", text: "تعلن وزارة الصحة عن بدء حملة التطعيم ضد الإنفلونزا الموسمية في جميع المراكز الصحية", not: ["*"] },
  { name: "clean announcement (en)", text: "The Ministry of Health announces the seasonal flu vaccination campaign at all health centres.", not: ["*"] },
  { name: "clean congratulations", text: "مبروك للفائزين في مسابقة القرآن الكريم", not: ["*"] },
  { name: "clean Gulf dialect", text: "الله يعطيكم العافية يا شباب على الشغل الحلو", not: ["*"] },
];
