/**
 * Handles an impostor registers to pass for an official one: letter/digit swaps (o↔0, l↔1, i↔l,
 * e↔3, s↔5, a↔4), separators added or dropped, affixes (bh, gov, official, ksa, _ar, …), doubled
 * and dropped letters, neighbouring letters swapped. Most likely first, because platforms without
 * batch lookups (Instagram) can only afford the head of the list. Pure and deterministic.
 */
import type { Platform } from "../enums";

/** Affixes impostors add to an official handle, commonest first. */
export const AFFIXES = ["official", "bh", "gov", "ksa", "ar", "news", "media", "real", "team", "1"] as const;

/** Single-character swaps, both ways (i↔l and l↔1 give the i/l/1 triangle). */
const SWAPS: readonly [string, string][] = [
  ["o", "0"],
  ["l", "1"],
  ["i", "l"],
  ["i", "1"],
  ["e", "3"],
  ["s", "5"],
  ["a", "4"],
  ["b", "8"],
  ["g", "9"],
  ["t", "7"],
  ["m", "rn"],
  ["w", "vv"],
];

/** What a handle may look like on each platform (the part a user chooses). */
const SHAPES: Partial<Record<Platform, { re: RegExp; max: number; separators: string[] }>> = {
  x: { re: /^[a-z0-9_]{1,15}$/, max: 15, separators: ["_"] },
  instagram: { re: /^(?!.*\.\.)(?!\.)[a-z0-9._]{1,30}(?<!\.)$/, max: 30, separators: ["_", "."] },
  youtube: { re: /^[a-z0-9._-]{3,30}$/, max: 30, separators: ["_", ".", "-"] },
  mastodon: { re: /^[a-z0-9_]{1,30}$/, max: 30, separators: ["_"] },
  bluesky: { re: /^[a-z0-9-]{1,63}$/, max: 63, separators: ["-"] },
  facebook: { re: /^[a-z0-9.]{5,50}$/, max: 50, separators: ["."] },
};

/** The part of a handle its holder chose: Mastodon's user (no @instance), Bluesky's first label. */
export function handleCore(platform: Platform | string, handle: string): string {
  const h = handle.trim().replace(/^@/, "").toLowerCase();
  if (platform === "mastodon") return h.split("@")[0];
  if (platform === "bluesky") return h.split(".")[0];
  return h;
}

export interface VariantOptions {
  /** At most this many variants (default 200). */
  limit?: number;
}

/**
 * Look-alike handles for `handle` on `platform`, most likely first, each valid on the platform and
 * different from the handle itself. For Bluesky and Mastodon these are the chosen part only.
 */
export function handleVariants(platform: Platform, handle: string, opts: VariantOptions = {}): string[] {
  const shape = SHAPES[platform] ?? SHAPES.x!;
  const limit = opts.limit ?? 200;
  const base = handleCore(platform, handle);
  const out: string[] = [];
  const seen = new Set<string>([base]);
  const add = (v: string) => {
    if (out.length >= limit || seen.has(v) || v.length > shape.max || !shape.re.test(v)) return;
    seen.add(v);
    out.push(v);
  };
  const sep = shape.separators;
  const words = base.split(/[_.-]+/).filter(Boolean);
  const bare = words.join("");

  // 1. Separators dropped, changed or added between words.
  add(bare);
  for (const s of sep) add(words.join(s));
  for (const s of sep) for (let i = 1; i < bare.length; i++) if (words.length === 1) add(bare.slice(0, i) + s + bare.slice(i));
  // 2. Affixes, with and without a separator, after then before.
  for (const a of AFFIXES) {
    for (const s of [...sep, ""]) add(`${base}${s}${a}`);
    for (const s of [...sep, ""]) add(`${a}${s}${base}`);
  }
  // 3. Letter/digit swaps, one at a time, left to right.
  for (const [x, y] of SWAPS) {
    for (const [from, to] of [
      [x, y],
      [y, x],
    ]) {
      for (let i = base.indexOf(from); i >= 0; i = base.indexOf(from, i + 1)) add(base.slice(0, i) + to + base.slice(i + from.length));
    }
  }
  // 4. A letter doubled, then a letter dropped.
  for (let i = 0; i < base.length; i++) if (/[a-z0-9]/.test(base[i])) add(base.slice(0, i + 1) + base[i] + base.slice(i + 1));
  for (let i = 0; i < base.length; i++) add(base.slice(0, i) + base.slice(i + 1));
  // 5. Neighbouring letters swapped.
  for (let i = 0; i + 1 < base.length; i++) if (base[i] !== base[i + 1]) add(base.slice(0, i) + base[i + 1] + base[i] + base.slice(i + 2));
  // 6. Swaps combined with the commonest affixes.
  for (const [x, y] of SWAPS.slice(0, 4)) {
    const i = base.indexOf(x);
    if (i < 0) continue;
    const swapped = base.slice(0, i) + y + base.slice(i + x.length);
    for (const a of AFFIXES.slice(0, 3)) add(`${swapped}${sep[0]}${a}`);
  }
  return out;
}
