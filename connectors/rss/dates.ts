/**
 * Feed dates as real feeds write them: W3C/ISO 8601 (dc:date, Atom), RFC 822/2822 (pubDate) and
 * its variants — two-digit years, full or abbreviated English month names, Gregorian month names
 * in Arabic (Egyptian/Gulf, Levantine, Maghrebi), Arabic-Indic digits, AM/PM (ص/م), and common
 * zone abbreviations. Deterministic: never Date.parse, never the machine's time zone; a missing
 * zone is UTC. Anything ambiguous (16/08/2026 could be either order) or unknown is null, and the
 * caller falls back to the first-seen time.
 */

const MINUTE = 60_000;

/**
 * Zone abbreviations in minutes east of UTC. AST/ADT are read as Arabia Standard/Daylight time
 * (+03:00/+04:00), not Atlantic: this reader serves Gulf government feeds, and Bahrain is on AST.
 */
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0, WEST: 60, BST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120,
  EET: 120, EEST: 180, MSK: 180, TRT: 180, EAT: 180, CAT: 120, SAST: 120, WAT: 60,
  AST: 180, ADT: 240, GST: 240, IRST: 210, PKT: 300, ICT: 420, WIB: 420, HKT: 480, SGT: 480, AWST: 480,
  JST: 540, KST: 540, ACST: 570, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600,
};

const EN_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const EN_FULL = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const EN_WEEKDAYS = /^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|sday|nesday|rsday|urday)?$/;

/** Arabic Gregorian month names, normalised (see normArabic). Two-word Levantine names handled apart. */
const AR_MONTHS: Record<string, number> = {
  يناير: 1, فبراير: 2, مارس: 3, ابريل: 4, مايو: 5, يونيو: 6, يونيه: 6, يوليو: 7, يوليه: 7, اغسطس: 8, سبتمبر: 9, اكتوبر: 10, نوفمبر: 11, ديسمبر: 12,
  شباط: 2, اذار: 3, نيسان: 4, ايار: 5, حزيران: 6, تموز: 7, اب: 8, ايلول: 9,
  جانفي: 1, فيفري: 2, افريل: 4, ماي: 5, جوان: 6, جويليه: 7, اوت: 8,
};
const AR_TWO_WORD: Record<string, Record<string, number>> = { كانون: { الثاني: 1, الاول: 12 }, تشرين: { الاول: 10, الثاني: 11 } };
const AR_WEEKDAYS = new Set(["الاحد", "الاثنين", "الإثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "يوم"]);
const AR_AM = new Set(["ص", "صباحا", "صباحاً"]);
const AR_PM = new Set(["م", "مساء", "مساءا", "مساءً"]);
const FILLER = new Set(["at", "on", "the", "of", "في", "الساعه", "-", "|", "@"]);

function normArabic(w: string): string {
  return w.replace(/[أإآ]/g, "ا").replace(/ة/g, "ه").replace(/ى/g, "ي").replace(/[\u064B-\u0652]/g, "");
}

function monthOf(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, "");
  const en = EN_MONTHS.indexOf(w.slice(0, 3));
  if (en >= 0 && (w.length === 3 || EN_FULL[en] === w || (en === 8 && w === "sept"))) return en + 1;
  return AR_MONTHS[normArabic(word)] ?? null;
}

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMin: number): Date | null {
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 60) return null;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms) - offsetMin * MINUTE);
}

/** "+03:00", "+0300", "+03", "-5" → minutes; null when not an offset. */
function offsetOf(t: string): number | null {
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(t);
  if (!m || Number(m[2]) > 14 || Number(m[3] ?? 0) > 59) return null;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

const ISO = /^(\d{4})(?:([-/])(\d{1,2})(?:\2(\d{1,2}))?)?(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseIso(s: string): Date | null | undefined {
  const m = ISO.exec(s) ?? ISO_BASIC.exec(s);
  if (!m) return undefined;
  const basic = m.length === 9;
  const g = basic ? [m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]] : [m[1], m[3], m[4], m[5], m[6], m[7], m[8], m[9]];
  const zone = g[7] ? (/^(Z|UTC|GMT)$/i.test(g[7]) ? 0 : offsetOf(g[7])) : 0;
  if (zone === null) return null;
  const ms = g[6] ? Number(g[6].slice(0, 3).padEnd(3, "0")) : 0;
  return build(Number(g[0]), Number(g[1] ?? 1), Number(g[2] ?? 1), Number(g[3] ?? 0), Number(g[4] ?? 0), Number(g[5] ?? 0), ms, zone);
}

/** RFC 822 and free-form "day month year time zone" in any order of day/month, English or Arabic. */
function parseWords(s: string): Date | null {
  const cleaned = s
    .replace(/\([^)]*\)/g, " ") // RFC 2822 comments: "+0300 (Arabia Standard Time)"
    .replace(/\b(?:GMT|UTC|UT)\s*(?=[+-]\d)/gi, "") // "GMT+3" → "+3"
    .replace(/(\d)-(?=[A-Za-z\u0600-\u06FF])/g, "$1 ") // "16-Aug-2026"
    .replace(/([A-Za-z\u0600-\u06FF])-(?=\d)/g, "$1 ")
    .replace(/(\d)(st|nd|rd|th)\b/gi, "$1");
  const tokens = cleaned.split(/[\s,]+/).filter(Boolean);
  let month: number | null = null;
  const nums: string[] = [];
  let time: RegExpExecArray | null = null;
  let offset: number | null = null;
  let zone: number | null = null;
  let ampm: "am" | "pm" | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const lower = t.toLowerCase().replace(/\.$/, "");
    const tm = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(t);
    if (tm && !time) time = tm;
    else if (/^\d{1,4}$/.test(t)) nums.push(t);
    else if (offsetOf(t) !== null && offset === null) offset = offsetOf(t);
    else if (ZONES[t.toUpperCase()] !== undefined && zone === null) zone = ZONES[t.toUpperCase()];
    else if (lower === "am" || lower === "a.m" || AR_AM.has(t)) ampm = "am";
    else if (lower === "pm" || lower === "p.m" || AR_PM.has(t)) ampm = "pm";
    else if (EN_WEEKDAYS.test(lower) || AR_WEEKDAYS.has(normArabic(t)) || FILLER.has(normArabic(lower))) continue;
    else if (AR_TWO_WORD[normArabic(t)] && month === null) {
      const second = AR_TWO_WORD[normArabic(t)][normArabic(tokens[i + 1] ?? "")];
      if (!second) return null;
      month = second;
      i++;
    } else if (monthOf(t) !== null && month === null) month = monthOf(t);
    else return null; // an unknown word: do not guess
  }
  if (month === null || nums.length !== 2) return null;
  const four = nums.findIndex((n) => n.length === 4);
  const [dayS, yearS] = four === 1 || four === -1 ? [nums[0], nums[1]] : [nums[1], nums[0]];
  if (dayS.length > 2 || yearS.length === 3 || yearS.length === 1) return null;
  // RFC 2822 §4.3: two-digit years 00–49 are 20xx, 50–99 are 19xx.
  const year = yearS.length === 2 ? (Number(yearS) < 50 ? 2000 : 1900) + Number(yearS) : Number(yearS);
  let h = time ? Number(time[1]) : 0;
  if (ampm && time) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (ampm === "pm" ? 12 : 0);
  }
  return build(year, month, Number(dayS), h, time ? Number(time[2]) : 0, time?.[3] ? Number(time[3]) : 0, 0, offset ?? zone ?? 0);
}

export function parseFeedDate(input: string): Date | null {
  const s = input
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x6f0))
    .replace(/\u060C/g, ",")
    .replace(/[\u0640\u200c-\u200f\u061c]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (!s || s.length > 200) return null;
  const iso = parseIso(s);
  return iso === undefined ? parseWords(s) : iso;
}
