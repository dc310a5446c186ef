/**
 * Personal data in Bahraini posts: CPR, phone, IBAN, email, passport. Runs on the original text
 * (digits folded one-for-one, so offsets are the original's). Context keeps false positives down:
 * no public CPR check digit exists, so a bare nine-digit number is never enough on its own.
 */
import type { Hit } from "../types";

const DIGIT_FOLD = /[\u0660-\u0669\u06f0-\u06f9]/g;
function foldDigits(s: string): string {
  // Same length out as in: offsets stay valid.
  return s.replace(DIGIT_FOLD, (d) => String.fromCharCode(0x30 + ((d.charCodeAt(0) - 0x0660) % 0x90)));
}

const CPR = /(?<![0-9])([0-9]{2})(0[1-9]|1[0-2])[0-9]{5}(?![0-9])/g;
const CPR_CONTEXT = /(الرقم الشخصي|رقم شخصي|الرقم الشخص|رقمه الشخصي|رقمها الشخصي|الرقم السكاني|سجل سكاني|السجل السكاني|بطاق[ةه] (ال)?هوي[ةه]|البطاق[ةه] الذكي[ةه]|رقم (ال)?هوي[ةه]|هويته|هويتها|\bcpr\b|\bid\s*(no|number|#)|identity|personal number|\bid card\b|smart ?card)/i;
const PHONE_INTL = /(?<![0-9+])(?:\+|00)\s?973[\s-]?\(?([0-9]{4})\)?[\s-]?([0-9]{4})(?![0-9])/g;
const PHONE_LOCAL = /(?<![0-9+])([0-9]{4})([\s-]?)([0-9]{4})(?![0-9])/g;
const PHONE_CONTEXT = /(هاتف|جوال|موبايل|تلفون|تليفون|رقم|اتصل|اتصال|واتس|للتواصل|تواصل|phone|mobile|tel\b|call|whats ?app|contact|\bmob\b)/i;
const OFFICE_CONTEXT = /(للاستفسار|الاستفسارات|الخط الساخن|مركز الاتصال|خدمة العملاء|hotline|inquir|enquir|call cent)/i;
const IBAN = /\bBH\s?[0-9]{2}(?:\s?[A-Z0-9]){18}\b/gi;
const EMAIL = /[A-Za-z0-9._%+-]+@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})/g;
const PASSPORT = /(?<![A-Za-z0-9])([A-Z]{0,2}[0-9]{6,9})(?![A-Za-z0-9])/g;
const PASSPORT_CONTEXT = /(جواز|الجواز|passport)/i;
const FREE_MAIL = /^(gmail|googlemail|hotmail|outlook|live|msn|yahoo|ymail|icloud|me|mac|aol|proton|protonmail|gmx|mail|yandex|zoho)\./i;
const ROLE_MAILBOX = /^(info|contact|support|help|media|press|pr|hr|admin|noreply|no-reply|webmaster|enquiries|inquiries|feedback|complaints|service|services|customerservice|cs)$/i;

/** Is `domain` one of `domains` or a sub-domain of one (exact match: look-alikes do not count)? */
export function domainIn(domain: string, domains: readonly string[]): boolean {
  const d = domain.toLowerCase();
  for (const x of domains) {
    const e = x.toLowerCase();
    if (d === e || d.endsWith("." + e)) return true;
  }
  return false;
}
export const GOV_DOMAINS = ["gov.bh"];

function near(text: string, start: number, end: number, re: RegExp, radius = 40): boolean {
  return re.test(text.slice(Math.max(0, start - radius), Math.min(text.length, end + radius)));
}

function ibanValid(raw: string): boolean {
  const s = raw.replace(/\s/g, "").toUpperCase();
  if (s.length !== 22 || !/^BH[0-9]{2}[A-Z]{4}[A-Z0-9]{14}$/.test(s)) return false;
  const r = s.slice(4) + s.slice(0, 4);
  let m = 0;
  for (let i = 0; i < r.length; i++) {
    const c = r.charCodeAt(i);
    const v = c >= 65 ? String(c - 55) : r[i];
    for (let k = 0; k < v.length; k++) m = (m * 10 + (v.charCodeAt(k) - 48)) % 97;
  }
  return m === 1;
}

/** Personal mobile (3x, 6x) and fixed (17, 13, 16, 77) ranges; 80 toll-free and 90 premium are not. */
function phoneKind(first4: string): "mobile" | "fixed" | null {
  const a = first4.charCodeAt(0) - 48;
  const b = first4.charCodeAt(1) - 48;
  if (a === 3 && b >= 2) return "mobile";
  if (a === 6 && (b === 3 || b === 5 || b === 6 || b === 9)) return "mobile";
  if ((a === 1 && (b === 7 || b === 3 || b === 6)) || (a === 7 && b === 7)) return "fixed";
  return null;
}

/** No range in `taken` overlaps [s, e). */
function free(taken: readonly [number, number][], s: number, e: number): boolean {
  for (let i = 0; i < taken.length; i++) if (s < taken[i][1] && e > taken[i][0]) return false;
  return true;
}

export interface PersonalDataOptions {
  accountClass: string;
  entityDomains: readonly string[];
}

/**
 * `maybe` (from the normalised text: `mayHaveDigit`, `mayHaveAt`) lets the caller skip the scans
 * when the text certainly has neither a digit nor an "@".
 */
export function detectPersonalData(text: string, opts: PersonalDataOptions, out: Hit[], maybe?: { mayHaveDigit: boolean; mayHaveAt: boolean }): void {
  if (maybe && !maybe.mayHaveDigit && !maybe.mayHaveAt) return;
  const seen = scan(text);
  const hasDigit = (seen & S_DIGIT) !== 0;
  const hasAt = (seen & S_AT) !== 0;
  if (!hasDigit && !hasAt) return;
  const t = (seen & S_AR_DIGIT) !== 0 ? foldDigits(text) : text;
  if (hasDigit) {
    const taken: [number, number][] = [];
    // Every pattern below needs four digits in a row except an IBAN, which needs "BH".
    const run4 = (seen & S_RUN4) !== 0;
    const iban = (seen & S_BH) !== 0;
    // exec loops rather than matchAll, which copies the pattern on every call.
    if (iban) for (let m = first(IBAN, t); m !== null; m = IBAN.exec(t)) {
      if (ibanValid(m[0])) {
        out.push({ rule: "pd.iban", score: 0.95, ranges: [[m.index, m.index + m[0].length]] });
        taken.push([m.index, m.index + m[0].length]);
      }
    }
    if (run4) for (let m = first(PHONE_INTL, t); m !== null; m = PHONE_INTL.exec(t)) {
      const s = m.index;
      const e = s + m[0].length;
      taken.push([s, e]);
      const kind = phoneKind(m[1]);
      if (!kind) continue;
      if (kind === "fixed" && opts.accountClass === "official" && near(t, s, e, OFFICE_CONTEXT, 60)) continue;
      out.push({ rule: "pd.phone", score: kind === "mobile" ? 0.85 : 0.6, ranges: [[s, e]] });
    }
    if (run4) for (let m = first(PHONE_LOCAL, t); m !== null; m = PHONE_LOCAL.exec(t)) {
      const s = m.index;
      const e = s + m[0].length;
      if (!free(taken, s, e)) continue;
      const kind = phoneKind(m[1]);
      if (!kind) continue;
      // A bare 8-digit number needs a phone word nearby or phone-style grouping (3xxx xxxx).
      const grouped = m[2] !== "";
      if (!near(t, s, e, PHONE_CONTEXT, 30) && !(grouped && kind === "mobile")) continue;
      if (kind === "fixed" && opts.accountClass === "official" && near(t, s, e, OFFICE_CONTEXT, 60)) continue;
      taken.push([s, e]);
      out.push({ rule: "pd.phone", score: kind === "mobile" ? 0.8 : 0.55, ranges: [[s, e]] });
    }
    if (run4) for (let m = first(CPR, t); m !== null; m = CPR.exec(t)) {
      const s = m.index;
      const e = s + m[0].length;
      if (!free(taken, s, e)) continue;
      // Any two-digit year is a plausible birth year; the month (01–12) is the plausibility check.
      if (!near(t, s, e, CPR_CONTEXT, 50)) continue;
      taken.push([s, e]);
      out.push({ rule: "pd.cpr", score: 0.9, ranges: [[s, e]] });
    }
    if (run4 && PASSPORT_CONTEXT.test(t)) {
      for (let m = first(PASSPORT, t); m !== null; m = PASSPORT.exec(t)) {
        const s = m.index;
        const e = s + m[0].length;
        if (!free(taken, s, e) || !near(t, s, e, PASSPORT_CONTEXT, 40)) continue;
        out.push({ rule: "pd.passport", score: 0.85, ranges: [[s, e]] });
      }
    }
  }
  if (hasAt) {
    for (let m = first(EMAIL, t); m !== null; m = EMAIL.exec(t)) {
      const domain = m[1];
      const local = m[0].slice(0, m[0].indexOf("@"));
      // An entity's own or any government address is its published contact, not personal data.
      if (domainIn(domain, opts.entityDomains) || domainIn(domain, GOV_DOMAINS) || ROLE_MAILBOX.test(local)) continue;
      out.push({ rule: "pd.email", score: FREE_MAIL.test(domain) ? 0.8 : 0.55, ranges: [[m.index, m.index + m[0].length]] });
    }
  }
}

/** The first match of a global pattern from the start of `t` (the loop goes on with `re.exec`). */
function first(re: RegExp, t: string): RegExpExecArray | null {
  re.lastIndex = 0;
  return re.exec(t);
}

/**
 * What `scan` found: a digit (ASCII, Arabic-Indic or Persian), an Arabic-Indic or Persian digit
 * (so digits need folding), "@", four digits in a row, "BH" in any case.
 */
const S_DIGIT = 1;
const S_AR_DIGIT = 2;
const S_AT = 4;
const S_RUN4 = 8;
const S_BH = 16;

/** One pass over the text for every pre-check the patterns need (it replaces six scans). */
function scan(text: string): number {
  let seen = 0;
  let run = 0;
  let prevB = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      seen |= S_DIGIT;
      if (++run >= 4) seen |= S_RUN4;
      prevB = false;
    } else if ((c >= 0x0660 && c <= 0x0669) || (c >= 0x06f0 && c <= 0x06f9)) {
      seen |= S_DIGIT | S_AR_DIGIT;
      if (++run >= 4) seen |= S_RUN4;
      prevB = false;
    } else {
      run = 0;
      if (c === 0x40) seen |= S_AT;
      else if (prevB && (c === 0x48 || c === 0x68)) seen |= S_BH;
      prevB = c === 0x42 || c === 0x62;
    }
  }
  return seen;
}

/** A work host: any gov.bh host or one of the entity's domains, exactly or as a sub-domain. */
export function isWorkDomain(host: string, entityDomains: readonly string[]): boolean {
  return domainIn(host, GOV_DOMAINS) || domainIn(host, entityDomains);
}

/**
 * Email addresses on government or entity domains (work email), with original offsets. The host
 * must end where the address ends: "a@lmra.gov.bh-wvs.app" and "a@x.gov.bh-wvs" are look-alikes.
 */
export function findWorkEmails(text: string, entityDomains: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  if (!text.includes("@")) return out;
  for (const m of text.matchAll(EMAIL)) {
    const end = m.index! + m[0].length;
    const next = text.charCodeAt(end);
    if (next === 0x2d || next === 0x5f || (next === 0x2e && /[A-Za-z0-9]/.test(text[end + 1] ?? "")) || /[A-Za-z0-9]/.test(text[end] ?? "")) continue;
    if (isWorkDomain(m[1], entityDomains)) out.push([m.index!, end]);
  }
  return out;
}
