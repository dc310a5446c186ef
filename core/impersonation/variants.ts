/**
 * Handles an impostor registers to pass for an official one: letter/digit swaps (o↔0, l↔1, i↔l,
 * e↔3, s↔5, a↔4), separators added or dropped, affixes (bh, gov, official, ksa, _ar, …), doubled
 * and dropped letters, neighbouring letters swapped. The kinds are interleaved, each likely-first,
 * because platforms without batch lookups (Instagram) can only afford the head of the list. Pure
 * and deterministic.
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
  const sep = shape.separators;
  const words = base.split(/[_.-]+/).filter(Boolean);
  const bare = words.join("");

  // Each family in its own likely-first order; the result interleaves them, one from each in turn,
  // so a small budget (Instagram) still tries every kind of look-alike.
  const families: string[][] = [
    // Separators dropped, changed or added between words.
    [bare, ...sep.map((s) => words.join(s)), ...(words.length === 1 ? sep.flatMap((s) => Array.from({ length: bare.length - 1 }, (_, i) => bare.slice(0, i + 1) + s + bare.slice(i + 1))) : [])],
    // Affixes after the handle with the platform's usual separator (dm_health_official, dm_health_bh).
    AFFIXES.map((a) => `${base}${sep[0]}${a}`),
    // … with the other separators, and without one.
    AFFIXES.flatMap((a) => [...sep.slice(1), ""].map((s) => `${base}${s}${a}`)),
    // Affixes before it.
    AFFIXES.flatMap((a) => [...sep, ""].map((s) => `${a}${s}${base}`)),
    // An affix the handle carries dropped, or traded for another (moh_bh → moh, moh_gov, moh_bh_gov → moh_gov).
    words.length > 1
      ? words.flatMap((w, i) =>
          (AFFIXES as readonly string[]).includes(w)
            ? [words.filter((_, j) => j !== i).join(sep[0]), ...AFFIXES.filter((a) => a !== w).map((a) => words.map((x, j) => (j === i ? a : x)).join(sep[0]))]
            : [],
        )
      : [],
    // Letter/digit swaps, one at a time, left to right.
    SWAPS.flatMap(([x, y]) =>
      [
        [x, y],
        [y, x],
      ].flatMap(([from, to]) => {
        const out: string[] = [];
        for (let i = base.indexOf(from); i >= 0; i = base.indexOf(from, i + 1)) out.push(base.slice(0, i) + to + base.slice(i + from.length));
        return out;
      }),
    ),
    // A letter doubled.
    [...base].flatMap((ch, i) => (/[a-z0-9]/.test(ch) ? [base.slice(0, i + 1) + ch + base.slice(i + 1)] : [])),
    // A letter dropped, from the end (a trailing letter is the least noticed).
    [...base].map((_, i) => base.length - 1 - i).map((i) => base.slice(0, i) + base.slice(i + 1)),
    // Neighbouring letters swapped.
    [...base].slice(1).flatMap((_, i) => (base[i] !== base[i + 1] ? [base.slice(0, i) + base[i + 1] + base[i] + base.slice(i + 2)] : [])),
    // Swaps combined with the commonest affixes.
    SWAPS.slice(0, 4).flatMap(([x, y]) => {
      const i = base.indexOf(x);
      return i < 0 ? [] : AFFIXES.slice(0, 3).map((a) => `${base.slice(0, i)}${y}${base.slice(i + x.length)}${sep[0]}${a}`);
    }),
  ];
  const out: string[] = [];
  const seen = new Set<string>([base]);
  const ok = (v: string) => !seen.has(v) && v.length <= shape.max && shape.re.test(v);
  const cursors = families.map(() => 0);
  for (let progressed = true; progressed && out.length < limit; ) {
    progressed = false;
    families.forEach((f, k) => {
      while (cursors[k] < f.length && out.length < limit) {
        const v = f[cursors[k]++];
        progressed = true;
        if (!ok(v)) continue;
        seen.add(v);
        out.push(v);
        break;
      }
    });
  }
  return out;
}
