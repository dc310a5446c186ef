import { describe, expect, it } from "vitest";
import { explainGroupHate, RULE_OF } from "../../core/scoring/detectors/group-hate";
import { normalize } from "../../core/scoring/normalize";
import { tokenize } from "../../core/scoring/tokens";
import { listRules, scoreItem } from "../../core/scoring/index";

function explain(text: string) {
  const norm = normalize(text);
  return explainGroupHate(text, norm, tokenize(norm.text, norm.units));
}
const rules = (text: string) => scoreItem({ text, accountClass: "employee", kind: "post" }).flags.map((f) => f.rule);
const hate = (text: string) => scoreItem({ text, accountClass: "employee", kind: "post" }).flags.filter((f) => f.category === "hate");

describe("group-directed hate: what a flag says", () => {
  it("names the group and the pattern, with spans for both", () => {
    const [f] = explain("الشيعة في هالديرة كلهم خونة");
    expect(f).toMatchObject({ rule: "hate.group.derogation", pattern: "derogation", group: { id: "shia", kind: "sect" } });
    const texts = f.ranges.map(([a, b]) => "الشيعة في هالديرة كلهم خونة".slice(a, b));
    expect(texts).toEqual(expect.arrayContaining(["الشيعة", "خونة", "كلهم"]));
  });

  it("uses a policy rule for every pattern kind", () => {
    const ids = new Set(listRules().map((r) => r.id));
    for (const rule of Object.values(RULE_OF)) expect(ids.has(rule), rule).toBe(true);
  });

  it.each([
    ["والهنود كلهم وسخين", "indians", "derogation"],
    ["وكل البنغال حرامية", "bangladeshis", "derogation"],
    ["البنقال وصخين", "bangladeshis", "derogation"],
    ["النسويات غبيات", "women", "derogation"],
    ["الهنود چلاب", "indians", "dehumanisation"],
    ["كلاب الصفويين ما يستحون", "shia", "dehumanisation"],
    ["نكره العجم", "iranians", "hatred"],
    ["اللهم عليك باليهود", "jews", "hatred"],
    ["تبا للوافدين", "expatriates", "hatred"],
    ["لا مكان للمجنسين في بلدنا", "naturalised", "exclusion"],
    ["يجب طرد العمالة الوافدة من البلد", "expatriates", "exclusion"],
    ["الحل الوحيد مع الملحدين هو القتل", "atheists", "violence"],
    ["المسيحيين كفرة", "christians", "takfir"],
    ["Indians are filthy", "indians", "derogation"],
    ["Every Jew is a liar", "jews", "derogation"],
    ["Somalis are parasites", "somalis", "dehumanisation"],
    ["Chinese people are like rats", "chinese", "dehumanisation"],
    ["We need to deport the Pakistanis", "pakistanis", "exclusion"],
    ["Kick the refugees out", "refugees", "exclusion"],
    ["I despise Hindus", "hindus", "hatred"],
    ["Lesbians should be shot", "lgbt", "violence"],
    ["m*slims are terrorists", "muslims", "derogation"],
    ["musl1ms are vermin", "muslims", "dehumanisation"],
    ["Bl@ck people are savages", "black", "derogation"],
    ["I hate imigrants", "expatriates", "hatred"],
  ])("%s → %s / %s", (text, group, pattern) => {
    const f = explain(text);
    expect(f.map((x) => `${x.group?.id}/${x.pattern}`)).toContain(`${group}/${pattern}`);
  });

  it("resolves a pronoun to the group named before (or just after) it", () => {
    const f = explain("Lots of refugees moved to our street. I hate them.");
    expect(f.map((x) => `${x.group?.id}/${x.pattern}`)).toContain("refugees/hatred");
    expect(rules("يجب طردهم جميعا من البلد، هؤلاء الأفغان")).toContain("hate.group.exclusion");
  });

  it("flags a call to violence that names no group", () => {
    expect(explain("احرقوا المبنى بمن فيه")[0]).toMatchObject({ rule: "hate.incitement", group: null });
    expect(rules("Burn the place down with them inside")).toContain("hate.incitement");
    expect(rules("اطلعوا وكسروا")).toContain("hate.incitement");
  });
});

describe("group-directed hate: what is not hate", () => {
  it.each([
    "مو كل الهنود حرامية", "الشيعة ليسوا خونة", "ما أكره أحد، لا الهنود ولا غيرهم", "Not all Muslims are terrorists", "I don't hate women",
    "Women are not stupid", "قول إن كل السنة دواعش تحريض مرفوض", "Calling refugees vermin is dehumanising and wrong",
    "قضت المحكمة بسجن متهم كتب أن الوافدين حشرات", "He was arrested after posting that Jews should be killed",
    "بعض الوافدين مخالفين للقانون", "القبض على 3 آسيويين بتهمة السرقة", "ترحيل العمالة المخالفة", "Deport illegal immigrants who commit crimes",
    "أنا رافضي وأفتخر", "We queers look after each other", "السنة الماضية كانت صعبة على الجميع", "السنة النبوية تحث على الرفق",
    "المرأة البحرينية شريك أساسي في التنمية", "Women are at higher risk of breast cancer", "فحص الوافدين للكشف عن الأمراض المعدية",
  ])("%s", (text) => {
    expect(hate(text).map((f) => f.rule)).toEqual([]);
  });

  it("vets the lexicon's hate hits in refuted, reported or reclaimed sentences", () => {
    expect(rules("يا رافضي")).toContain("hate.offence");
    expect(rules("نعم أنا رافضي وأفتخر")).not.toContain("hate.offence");
    expect(rules("كلمة روافض مسيئة ومرفوضة")).not.toContain("hate.offence");
    expect(rules("اقتلوهم كلهم")).toContain("hate.incitement");
    expect(rules("He shouted kill them all and was arrested by police")).not.toContain("hate.incitement");
  });

  it("does not call an insult word inside a negated or refuted statement an insult", () => {
    expect(rules("مو كل الوافدين أغبياء")).toEqual([]);
    expect(rules("مو كل الوافدين أغبياء، بس انت غبي يا حمار")).toContain("off.insult");
  });
});
