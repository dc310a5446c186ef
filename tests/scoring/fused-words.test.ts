import { describe, expect, it } from "vitest";
import { FusedWords, partsOf } from "../../core/scoring/detectors/fused-words";
import { explainGroupHate } from "../../core/scoring/detectors/group-hate";
import { scoreItem } from "../../core/scoring/index";
import { normalize } from "../../core/scoring/normalize";
import { tokenize } from "../../core/scoring/tokens";

function findings(text: string) {
  const norm = normalize(text);
  return explainGroupHate(text, norm, tokenize(norm.text, norm.units)).map((f) => ({
    rule: f.rule,
    group: f.group?.id ?? null,
    spans: f.ranges.map(([a, b]) => text.slice(a, b)),
  }));
}

describe("words written without the space between them", () => {
  const fused = new FusedWords(
    ["i", "hate", "women", "are", "trash", "all", "الشيعه", "كلهم", "every", "where"],
    ["hate", "women", "trash", "الشيعه"],
    ["i"],
    ["are", "كلهم"],
  );

  it("splits a token into two or three known words, one of them a content word of four letters or more", () => {
    expect(partsOf(fused, "ihatewomen")).toEqual(["i", "hate", "women"]);
    expect(partsOf(fused, "womenare")).toEqual(["women", "are"]);
    expect(partsOf(fused, "aretrash")).toEqual(["are", "trash"]);
    expect(partsOf(fused, "الشيعهكلهم")).toEqual(["الشيعه", "كلهم"]);
  });

  it("leaves known words, function words only, unknown parts and short tokens alone", () => {
    expect(partsOf(fused, "women")).toBeNull(); // a word as written
    expect(partsOf(fused, "everywhere")).toBeNull(); // no content word among the parts
    expect(partsOf(fused, "therapist")).toBeNull();
    expect(partsOf(fused, "hatexwomen")).toBeNull(); // "x" is no word
    expect(partsOf(fused, "allare")).toBeNull();
    expect(partsOf(fused, "womenall")).toBeNull(); // "all" may not end a fused token
    expect(partsOf(fused, "ihate")).toBeNull(); // under six units: not tried
  });

  it("finds the statement across the split, with spans on the original words", () => {
    expect(findings("I hatewomen")).toEqual([{ rule: "hate.group.hatred", group: "women", spans: ["hate", "women"] }]);
    // The tatweel inside the fused token stays in the span: offsets map back through the normaliser.
    expect(findings("الشيعةكلهـم خونة")).toEqual([{ rule: "hate.group.derogation", group: "shia", spans: ["خونة", "الشيعة", "كلهـم"] }]);
    expect(findings("Womenare trash")[0]).toMatchObject({ rule: "hate.group.dehumanisation", group: "women" });
    expect(findings("اكرهالنساء")[0]).toMatchObject({ rule: "hate.group.hatred", group: "women" });
    expect(findings("Kill allmuslims")[0]).toMatchObject({ rule: "hate.incitement", group: "muslims" });
    // A long text is searched when a group or pattern word stands elsewhere in it (here خونة).
    const long = "صباح الخير على الجميع، اليوم كان يوم طويل في الدوام والزحمة في الشارع كانت كبيرة جدا، وبعدين الشيعةكلهم خونة";
    expect(findings(long)[0]).toMatchObject({ rule: "hate.group.derogation", group: "shia" });
  });

  it("keeps the guards: negation, counter-speech and reporting still do not flag", () => {
    expect(findings("Not all Muslimsare terrorists")).toEqual([]);
    expect(findings("قول إن الشيعةكلهم خونة تحريض مرفوض")).toEqual([]);
    expect(findings("He was jailed for tweeting ihatewomen")).toEqual([]);
  });

  it("ordinary words that happen to contain a group word do not flag", () => {
    for (const text of ["Blackmail is a crime", "المشكلةكلها في الزحمة", "السودان بلد جميل", "Nowhere to park near the ministry", "The therapist said"]) {
      expect(scoreItem({ text, kind: "post", accountClass: "employee" }).flags.filter((f) => f.rule.startsWith("hate."))).toEqual([]);
    }
  });
});
