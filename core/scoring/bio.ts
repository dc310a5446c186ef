/**
 * Bio helpers on raw text, shared by the scorer's bio rules and the governance controls
 * (core/governance.ts), so the disclaimer and work-email logic exists once. Light: no
 * classifier weights are loaded by this module.
 */
import { textHasDisclaimer } from "./detectors/disclaimer";
import { findWorkEmails as workEmailRanges, isWorkDomain as workDomain } from "./detectors/personal-data";

/**
 * Does a bio carry a personal-account disclaimer ("الآراء تمثلني", "حساب شخصي", "views are my
 * own" …)? The same check the scorer's bio rules use; Arabic spelling variants are folded.
 */
export function hasDisclaimer(text: string): boolean {
  return textHasDisclaimer(text);
}

/**
 * Work email addresses in `text`, in order of appearance: any *.gov.bh host or one of the entity's
 * domains (exact host or a sub-domain; look-alikes such as lmra.gov.bh-wvs.app are not work domains).
 */
export function findWorkEmails(text: string, entityDomains: readonly string[]): string[] {
  return workEmailRanges(text, entityDomains).map(([a, b]) => text.slice(a, b));
}

/** Is `host` a work domain in the sense of `findWorkEmails`? */
export function isWorkDomain(host: string, entityDomains: readonly string[]): boolean {
  return workDomain(host, entityDomains);
}
