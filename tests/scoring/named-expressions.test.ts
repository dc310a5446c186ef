import { describe, expect, it } from "vitest";
import { maskNamedExpressions } from "../../core/scoring/detectors/named-expressions";
import { normalize } from "../../core/scoring/normalize";
import { tokenize } from "../../core/scoring/tokens";
import { scoreItem } from "../../core/scoring/index";

/** The original words of `text` that the named-expression mask hides from the classifier. */
function masked(text: string): string[] {
  const norm = normalize(text);
  const tk = tokenize(norm.text, norm.units);
  const mask = new Uint8Array(tk.count);
  const n = maskNamedExpressions(norm, tk, mask);
  const words: string[] = [];
  for (let i = 0; i < tk.count; i++) if (mask[i] === 1) words.push(norm.text.slice(tk.start[i], tk.end[i]));
  expect(n).toBe(words.length);
  return words;
}

describe("named expressions hidden from the classifier", () => {
  it("hides a holy site's name, with or without a prefix on its first word", () => {
    expect(masked("لقاح متوفر لحجاج بيت الله الحرام")).toEqual(["بيت", "اله", "الحرام"]);
    expect(masked("الصلاة في المسجد الحرام")).toEqual(["المسجد", "الحرام"]);
    expect(masked("رحلة للمسجد الحرام")).toEqual(["لمسجد", "الحرام"]); // the normaliser folds لل
  });

  it("hides a denomination's formal name and 'followers of the school'", () => {
    expect(masked("أهل السنة والجماعة وأتباع المذهب الجعفري شركاء في هذا الوطن")).toEqual([
      "اهل", "السنه", "والجماعه", "واتباع", "المذهب", "الجعفري",
    ]);
  });

  it("hides nothing else: half a name, or the same words apart", () => {
    expect(masked("هذا حرام يا ابن الحرام")).toEqual([]);
    expect(masked("أتباع تلك الطائفة لا يستحقون الوظائف الحكومية")).toEqual([]);
    expect(masked("المسجد الجديد")).toEqual([]);
    expect(masked("بيت الله")).toEqual([]);
  });

  it("leaves hate about the group named to the detectors", () => {
    const flags = scoreItem({ text: "أتباع المذهب الجعفري كلهم خونة ويجب طردهم من البلد", accountClass: "employee", kind: "post" }).flags;
    expect(flags.some((f) => f.category === "hate")).toBe(true);
  });
});
