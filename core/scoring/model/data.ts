/**
 * Labelled data sets for training and evaluation, parsed from their files' text (the scripts read
 * the files; core does no I/O). Every set becomes the same shape: texts cleaned to look like live
 * posts, binary offensive / hate labels and a per-item training weight.
 */

export type Lang = "ar" | "en";

export interface LabelledSet {
  /** Source name, e.g. "osact-train", "mlma-ar" (the leave-one-dataset-out unit). */
  name: string;
  lang: Lang;
  texts: string[];
  off: Uint8Array;
  hs: Uint8Array;
  /** Training weight of each item (1 for clean labels, less for doubtful ones). */
  weight: Float32Array;
}

/** The formats of the files in shared/data (see its README). */
export type SetFormat = "osact-train" | "osact-dev" | "mlma" | "davidson";

function fields(line: string, n: number, name: string, at: number): string[] {
  const parts = line.split("\t");
  if (parts.length < n) throw new Error(`${name}:${at}: expected ${n} tab-separated fields, got ${parts.length}`);
  return parts;
}

function lines(tsv: string): string[] {
  return tsv.split("\n").filter((l) => l.trim() !== "");
}

/** Undo OSACT's placeholders so training text looks like live text. */
export function cleanOsact(t: string): string {
  return t.replace(/<LF>/g, "\n").replace(/^RT /, "").replace(/@USER:?/g, " ").replace(/\bURL\b/g, " ");
}

/** MLMA's own placeholders (`@user`, `@url`) carry nothing; its text is otherwise as released. */
export function cleanMlma(t: string): string {
  return t.replace(/@(?:user|url)\b/gi, " ");
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Davidson keeps HTML entities (`&amp;`, `&#128514;`) and retweet heads; live text has neither. */
export function cleanDavidson(t: string): string {
  return t
    .replace(/&(#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === "#") {
        const cp = Number(e.slice(1));
        return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : " ";
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\bRT\s+@\w+:?/g, " ")
    .replace(/^RT\b/, " ");
}

/**
 * MLMA's hostility labels join several annotators' answers with `_`. The labels are the file's own
 * derived `off` / `hs` columns (so evaluation matches the data set's README); a label that has
 * `normal` next to a hostile one means the annotators disagreed, and the item trains at half weight.
 */
function mlmaWeight(label: string): number {
  const parts = label.split("_");
  return parts.includes("normal") && parts.length > 1 ? 0.5 : 1;
}

/** Parse one file of shared/data in its format; `name` labels errors and the set. */
export function parseSet(text: string, format: SetFormat, name: string, lang: Lang): LabelledSet {
  const texts: string[] = [];
  const off: number[] = [];
  const hs: number[] = [];
  const weight: number[] = [];
  const rows = lines(text);
  const body = format === "osact-train" ? rows : rows.slice(1);
  if (format !== "osact-train" && rows.length > 0 && !rows[0].startsWith("text\t")) {
    throw new Error(`${name}: expected a header row starting with "text"`);
  }
  body.forEach((line, i) => {
    const at = i + (format === "osact-train" ? 1 : 2);
    if (format === "osact-train") {
      const p = fields(line, 3, name, at);
      texts.push(cleanOsact(p[0]));
      off.push(p[1].trim() === "OFF" ? 1 : 0);
      hs.push(p[2].trim() === "HS" ? 1 : 0);
      weight.push(1);
    } else if (format === "osact-dev") {
      const p = fields(line, 5, name, at);
      texts.push(cleanOsact(p[0]));
      off.push(p[3].trim() === "1" ? 1 : 0);
      hs.push(p[4].trim() === "1" ? 1 : 0);
      weight.push(1);
    } else if (format === "mlma") {
      const p = fields(line, 8, name, at);
      texts.push(cleanMlma(p[0]));
      off.push(p[6].trim() === "1" ? 1 : 0);
      hs.push(p[7].trim() === "1" ? 1 : 0);
      weight.push(mlmaWeight(p[1].trim()));
    } else {
      const p = fields(line, 8, name, at);
      texts.push(cleanDavidson(p[0]));
      off.push(p[6].trim() === "1" ? 1 : 0);
      hs.push(p[7].trim() === "1" ? 1 : 0);
      // Annotators split on the item: weight by the majority's share (3 of 3 → 1, 2 of 3 → 0.67).
      const n = Number(p[2]);
      const top = Math.max(Number(p[3]), Number(p[4]), Number(p[5]));
      weight.push(n > 0 && top > 0 ? Math.round((top / n) * 100) / 100 : 1);
    }
  });
  return { name, lang, texts, off: Uint8Array.from(off), hs: Uint8Array.from(hs), weight: Float32Array.from(weight) };
}

/** Concatenate sets (same language); `scale` multiplies each set's item weights. */
export function concatSets(name: string, sets: LabelledSet[], scale: number[] = sets.map(() => 1)): LabelledSet {
  const texts: string[] = [];
  const off: number[] = [];
  const hs: number[] = [];
  const weight: number[] = [];
  sets.forEach((s, k) => {
    for (let i = 0; i < s.texts.length; i++) {
      texts.push(s.texts[i]);
      off.push(s.off[i]);
      hs.push(s.hs[i]);
      weight.push(s.weight[i] * scale[k]);
    }
  });
  return { name, lang: sets[0]?.lang ?? "ar", texts, off: Uint8Array.from(off), hs: Uint8Array.from(hs), weight: Float32Array.from(weight) };
}

/**
 * The set with its item weights rescaled so that offensive items carry `share` of its total
 * weight (total unchanged). Sets label "offensive" at very different rates (OSACT 20 %, MLMA 73 %);
 * trained as they are, any word typical of the more hostile set's topics (its news vocabulary,
 * its sects and places) learns that set's base rate as if it were an insult.
 */
export function rebalance(s: LabelledSet, share: number): LabelledSet {
  let pos = 0;
  let all = 0;
  for (let i = 0; i < s.texts.length; i++) {
    all += s.weight[i];
    if (s.off[i] === 1) pos += s.weight[i];
  }
  if (pos === 0 || pos === all) return s;
  const kp = (share * all) / pos;
  const kn = ((1 - share) * all) / (all - pos);
  return { ...s, weight: Float32Array.from(s.weight, (w, i) => w * (s.off[i] === 1 ? kp : kn)) };
}
