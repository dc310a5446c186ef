import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldTerm, normalize } from "../../core/scoring/normalize";
import { scoreItem } from "../../core/scoring/index";

const norm = (s: string) => normalize(s).text;

describe("normalisation (examples)", () => {
  it.each([
    ["حماااار", "حمار"],
    ["ح.م.ا.ر", "حمار"],
    ["ح م ا ر", "حمار"],
    ["أنتَ كَلْبٌ", "انت كلب"],
    ["يا حَــمــار", "يا حمار"],
    ["ﻻ إله", "لا اله"],
    ["چلب", "كلب"],
    ["گلبي", "قلبي"],
    ["پاکستان", "باكستان"],
    ["ڤيديو", "فيديو"],
    ["مدرسة", "مدرسه"],
    ["مستشفى", "مستشفي"],
    ["مسؤول", "مسول"],
    ["٠٣٣١٢٣٤٥ ۱۲", "03312345 12"],
    ["ya 7mar", "ya حمار"],
    ["3ala", "عالا"],
    ["a\u200bb\u202ec\u2067", "abc"],
    ["F U C K", "fuck"],
    ["fuuuuck", "fuck"],
    ["hello.world e.g. done", "hello.world e.g. done"],
    ["\ud800x", "\ud800x"],
  ])("%s → %s", (input, expected) => {
    expect(norm(input)).toBe(expected);
  });

  it("maps each output unit to a range of the original", () => {
    const s = "يا حــمــاااار";
    const n = normalize(s);
    const at = n.text.indexOf("حمار");
    expect(s.slice(n.srcStart[at], n.srcEnd[at + 3])).toBe("حــمــاااار");
  });
});

/** Noise that normalisation must see through, inserted inside a word. */
const NOISE = ["\u064e", "\u0650", "\u0651", "\u0652", "\u0640", "\u200b", "\u200f", "\u202b", "\u2066", "\ufeff", "\u06e1"];
const arabicWord = fc.stringMatching(/^[\u0628-\u063a\u0641-\u064a]{2,7}$/);
const anyText = fc.string({ unit: "binary", maxLength: 60 });
const mixedText = fc.array(
  fc.oneof(anyText, arabicWord, fc.constantFrom(...NOISE, " ", ".", "7", "3", "ya", "ﻻ", "ﷲ", "\ud83d\ude00", "\udc00")),
  { maxLength: 12 },
).map((a) => a.join(""));

describe("normalisation (properties)", () => {
  it("offsets always land inside the original and are ordered", () => {
    fc.assert(
      fc.property(mixedText, (s) => {
        const n = normalize(s);
        for (let i = 0; i < n.length; i++) {
          expect(n.srcStart[i]).toBeGreaterThanOrEqual(0);
          expect(n.srcEnd[i]).toBeLessThanOrEqual(s.length);
          expect(n.srcStart[i]).toBeLessThan(n.srcEnd[i]);
          if (i > 0) expect(n.srcStart[i]).toBeGreaterThanOrEqual(n.srcStart[i - 1]);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("a disguised word maps back to a span that covers it and folds to the word", () => {
    fc.assert(
      fc.property(
        anyText.map((s) => s.replace(/[\u0600-\u06ff\ufb50-\ufeff]/g, "")),
        arabicWord,
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...NOISE)), { maxLength: 4 }),
        fc.nat(3),
        anyText.map((s) => s.replace(/[\u0600-\u06ff\ufb50-\ufeff]/g, "")),
        (pre, word, noise, stretch, post) => {
          // Disguise: noise marks inside the word and one letter stretched.
          const letters = [...word];
          letters[letters.length - 1] = letters[letters.length - 1].repeat(1 + stretch);
          for (const [at, mark] of noise) letters.splice(1 + (at % letters.length), 0, mark);
          const disguised = letters.join("");
          const s = `${pre} ${disguised} ${post}`;
          const target = foldTerm(word); // before normalize(s): both share the reused buffers
          const n = normalize(s);
          const at = n.text.indexOf(` ${target} `) + 1;
          expect(at).toBeGreaterThan(0);
          const start = n.srcStart[at];
          const end = n.srcEnd[at + target.length - 1];
          const from = pre.length + 1;
          const to = from + disguised.length;
          expect(start).toBeGreaterThanOrEqual(0);
          expect(end).toBeLessThanOrEqual(s.length);
          // Covers the word's letters (trailing invisible marks may be left outside).
          expect(start).toBe(from);
          expect(end).toBeGreaterThan(to - 1 - noise.length);
          expect(end).toBeLessThanOrEqual(to);
          expect(foldTerm(s.slice(start, end))).toBe(target); // n is stale from here on
        },
      ),
      { numRuns: 300 },
    );
  });

  it("flag spans from scoreItem always slice the original, whatever the input", () => {
    const insults = fc.constantFrom("يا كلب", "يا حمااار", "fuck", "سري للغاية", "+973 3912 3456", "you idiot", "يا ح.م.ا.ر");
    fc.assert(
      fc.property(mixedText, insults, mixedText, (a, b, c) => {
        const text = a + " " + b + " " + c;
        const r = scoreItem({ text, accountClass: "employee", kind: "post" });
        expect(r.risk).toBeGreaterThanOrEqual(0);
        expect(r.risk).toBeLessThanOrEqual(1);
        for (const f of r.flags) {
          for (const sp of f.spans) {
            expect(sp.start).toBeGreaterThanOrEqual(0);
            expect(sp.end).toBeLessThanOrEqual(text.length);
            expect(sp.start).toBeLessThan(sp.end);
            expect(text.slice(sp.start, sp.end)).toBe(sp.text);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("foldTerm while a post's normalisation is in use", () => {
  it("leaves the last normalize call's units and offsets as they were", () => {
    const norm = normalize("\u200fسري: Bl@ck people are animals");
    const units = Array.from(norm.units.slice(0, norm.length));
    const starts = Array.from(norm.srcStart.slice(0, norm.length));
    const ends = Array.from(norm.srcEnd.slice(0, norm.length));
    expect(foldTerm("المُسلمـين الكــرام")).toBe("المسلمين الكرام");
    expect(Array.from(norm.units.slice(0, norm.length))).toEqual(units);
    expect(Array.from(norm.srcStart.slice(0, norm.length))).toEqual(starts);
    expect(Array.from(norm.srcEnd.slice(0, norm.length))).toEqual(ends);
  });

  it("keeps spans right when the group-hate detector reads a mostly-Latin post word by word", () => {
    for (const text of ["\u200fسري: Bl@ck people are animals and should be deported from this country", "  سري: Bl@ck people are animals and should be deported from this country"]) {
      const r = scoreItem({ text, accountClass: "employee", kind: "post" });
      const conf = r.flags.find((f) => f.rule === "conf.marker");
      expect(conf?.spans[0].text).toBe("سري");
      for (const f of r.flags) for (const sp of f.spans) expect(text.slice(sp.start, sp.end)).toBe(sp.text);
      expect(r.flags.some((f) => f.category === "hate")).toBe(true);
    }
  });
});
