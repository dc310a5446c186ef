import { describe, expect, it } from "vitest";
import { findWorkEmails, hasDisclaimer, isWorkDomain } from "../../core/scoring/index";

describe("hasDisclaimer (shared with the governance controls)", () => {
  it("recognises Arabic and English disclaimers with spelling variants", () => {
    for (const bio of [
      "مهندس | الآراء تمثلني",
      "حسابٌ شخصيّ",
      "التغريدات تعبر عن رأيي الشخصي",
      "آرائي الشخصية تمثلني",
      "تعبر عن وجهة نظري",
      "لا تمثل جهتي",
      "Views are my own.",
      "Personal account; opinions my own.",
      "RTs != endorsements",
    ]) {
      expect(hasDisclaimer(bio), bio).toBe(true);
    }
  });
  it("does not take a title or an empty bio for a disclaimer", () => {
    for (const bio of ["", "وزير الصحة", "مدير إدارة التخطيط بوزارة الصحة", "Director, Ministry of Health"]) {
      expect(hasDisclaimer(bio), bio).toBe(false);
    }
  });
});

describe("findWorkEmails", () => {
  it("finds gov.bh and entity-domain addresses, in order, exact host or sub-domain", () => {
    expect(findWorkEmails("a@moe.bh b@gmail.com c@x.gov.bh d@mail.moe.bh", ["moe.bh"])).toEqual(["a@moe.bh", "c@x.gov.bh", "d@mail.moe.bh"]);
    expect(findWorkEmails("contact: Info@MOH.GOV.BH.", [])).toEqual(["Info@MOH.GOV.BH"]);
  });
  it("ignores look-alike hosts", () => {
    expect(findWorkEmails("a@lmra.gov.bh-wvs.app b@moh.gov.bh.evil.com c@x.gov.bh-wvs d@notmoe.bh", ["moe.bh"])).toEqual([]);
    expect(isWorkDomain("lmra.gov.bh-wvs.app", [])).toBe(false);
    expect(isWorkDomain("gov.bh", [])).toBe(true);
    expect(isWorkDomain("notmoe.bh", ["moe.bh"])).toBe(false);
    expect(isWorkDomain("hr.moe.bh", ["moe.bh"])).toBe(true);
  });
  it("returns nothing for text without an address", () => {
    expect(findWorkEmails("لا بريد هنا", ["moe.bh"])).toEqual([]);
  });
});
