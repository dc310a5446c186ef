/**
 * Look-alike characters (a small table of our own, not Unicode's full confusables list): Cyrillic,
 * Greek and Latin letters that pass for Latin ones, digits that pass for letters, and the Persian and
 * Urdu forms that pass for Arabic letters. `skeleton` folds a handle or a name to what it looks like,
 * so "dm_heaIth", "dm_hea1th" and "dm_hеalth" (Cyrillic е) meet "dm_health". Pure.
 */

/** Script look-alikes: each character → the Latin or Arabic letter it passes for. */
export const SCRIPT_CONFUSABLES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: "a", в: "b", е: "e", ё: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x",
  ѕ: "s", і: "i", ї: "i", ј: "j", ԁ: "d", ԛ: "q", ԝ: "w", ӏ: "l", ү: "y", һ: "h", ɡ: "g", ո: "n",
  // Greek
  α: "a", β: "b", ε: "e", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u", χ: "x", ω: "w", ϲ: "c",
  // Latin letters that pass for others
  ı: "i", ł: "l", ɩ: "l", ɑ: "a", ƅ: "b", ȷ: "j", ʟ: "l", ꞁ: "l",
  // Persian / Urdu / Kurdish forms of Arabic letters
  ی: "ي", ى: "ي", ې: "ي", ئ: "ي", ک: "ك", ڪ: "ك", ګ: "ك", ە: "ه", ھ: "ه", ة: "ه", ۃ: "ه", ۀ: "ه",
  ٱ: "ا", أ: "ا", إ: "ا", آ: "ا", ؤ: "و", ٮ: "ب", پ: "ب", ڡ: "ف", ڤ: "ف", ٯ: "ق", ں: "ن", ڹ: "ن", چ: "ج",
  // Arabic-Indic and Persian digits
  "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
  "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
};

/** Digits and signs that pass for Latin letters in a handle (l33t and typo-squatting). */
export const DIGIT_CONFUSABLES: Readonly<Record<string, string>> = {
  "0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g", "@": "a", $: "s", "|": "l", "!": "l",
};

/** Invisible characters an impostor can slip into a name: zero-width, bidi controls, tatweel, soft hyphen. */
const INVISIBLE = /[\u00ad\u061c\u0640\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]|\u034f|\ufe00|\ufe01|\ufe02|\ufe03|\ufe04|\ufe05|\ufe06|\ufe07|\ufe08|\ufe09|\ufe0a|\ufe0b|\ufe0c|\ufe0d|\ufe0e|\ufe0f/g;
/** Combining marks (accents, Arabic harakat). */
const MARKS = /\p{M}/gu;

/** NFKC, lower case, invisibles and marks removed, script look-alikes folded. Names keep their digits. */
export function foldConfusables(s: string): string {
  const base = s.normalize("NFKC").toLowerCase().replace(INVISIBLE, "").normalize("NFD").replace(MARKS, "");
  let out = "";
  for (const ch of base) out += SCRIPT_CONFUSABLES[ch] ?? ch;
  return out;
}

/**
 * What a handle looks like: look-alikes folded, digits read as the letters they pass for, i and 1
 * read as l, "rn" as m and "vv" as w, separators (_ . -) dropped.
 */
export function handleSkeleton(handle: string): string {
  let s = foldConfusables(handle.replace(/^@/, ""));
  let out = "";
  for (const ch of s) out += DIGIT_CONFUSABLES[ch] ?? ch;
  s = out.replace(/[_.\-\s]/g, "").replace(/rn/g, "m").replace(/vv/g, "w").replace(/i/g, "l");
  return s;
}

/** True when the text carries a character from the look-alike table or an invisible one. */
export function hasConfusables(s: string): boolean {
  if (INVISIBLE.test(s)) {
    INVISIBLE.lastIndex = 0;
    return true;
  }
  INVISIBLE.lastIndex = 0;
  for (const ch of s) {
    if (ch in SCRIPT_CONFUSABLES && !/[\u0600-\u06ff]/.test(ch)) return true;
    // Arabic look-alikes only count when they are not the ordinary spelling: Persian/Urdu forms.
    if ("یکڪګەھۃۀٮپڡڤٯںڹ".includes(ch)) return true;
  }
  return false;
}

/** Latin letter → look-alikes an impostor swaps in (Cyrillic first: they render identically). */
const LATIN_SWAPS: Readonly<Record<string, readonly string[]>> = {
  a: ["а"], e: ["е"], o: ["о", "ο"], p: ["р"], c: ["с"], x: ["х"], y: ["у"], i: ["і"], s: ["ѕ"], j: ["ј"], h: ["һ"], l: ["ӏ"],
};
/** Arabic letter → the Persian/Urdu form that looks the same in most fonts. */
const ARABIC_SWAPS: Readonly<Record<string, readonly string[]>> = {
  ي: ["ی"], ى: ["ی"], ك: ["ک"], ه: ["ە"], ة: ["ۃ"], ب: ["پ"],
};

/**
 * Display names that look like `name`: one or two letters swapped for a look-alike from another
 * script, or a tatweel / zero-width joiner slipped in. Deterministic, in a stable order.
 */
export function confusableNames(name: string, limit = 12): string[] {
  const out = new Set<string>();
  const chars = [...name];
  const swaps = (ch: string) => LATIN_SWAPS[ch.toLowerCase()] ?? ARABIC_SWAPS[ch] ?? [];
  const positions = chars.map((ch, i) => ({ i, alts: swaps(ch) })).filter((p) => p.alts.length);
  for (const p of positions) {
    for (const alt of p.alts) {
      const c = [...chars];
      c[p.i] = chars[p.i] === chars[p.i].toUpperCase() && /[A-Z]/.test(chars[p.i]) ? alt.toUpperCase() : alt;
      out.add(c.join(""));
    }
  }
  // Two swaps at once (first and last swappable letters).
  if (positions.length >= 2) {
    const c = [...chars];
    const [a, b] = [positions[0], positions[positions.length - 1]];
    c[a.i] = a.alts[0];
    c[b.i] = b.alts[0];
    out.add(c.join(""));
  }
  // An invisible character: a tatweel inside an Arabic word, a zero-width joiner elsewhere.
  const arabicAt = chars.findIndex((ch, i) => i > 0 && /[\u0628-\u064a]/.test(ch) && /[\u0628-\u064a]/.test(chars[i - 1]));
  if (arabicAt > 0) out.add([...chars.slice(0, arabicAt), "\u0640", ...chars.slice(arabicAt)].join(""));
  const mid = Math.floor(chars.length / 2);
  if (chars.length > 2) out.add([...chars.slice(0, mid), "\u200d", ...chars.slice(mid)].join(""));
  out.delete(name);
  return [...out].slice(0, limit);
}
