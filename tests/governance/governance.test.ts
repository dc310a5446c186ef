import { describe, expect, it } from "vitest";
import {
  evaluateControls,
  hasDisclaimer,
  ownershipCompleteness,
  workEmailsIn,
  type GovernanceAccount,
  type GovernanceOwner,
} from "../../core/governance";

const now = new Date("2026-11-24T08:00:00Z");
const day = 86_400_000;
const account = (over: Partial<GovernanceAccount> = {}): GovernanceAccount => ({
  class: "official",
  status: "active",
  registryStatus: "registered",
  verified: true,
  verificationRequested: false,
  bio: "الحساب الرسمي",
  linkedOfficialAccountId: null,
  managedBy: null,
  handoverPlan: null,
  lastPostAt: new Date(now.getTime() - 2 * day),
  ...over,
});
const owner = (over: Partial<GovernanceOwner> = {}): GovernanceOwner => ({
  custodianName: "مريم",
  custodianEmail: "maryam@moh.gov.bh",
  backupName: "علي",
  backupEmail: "ali@moh.gov.bh",
  credentialCustody: "password_manager",
  twoFactor: "hardware_key",
  recoveryContact: "social@moh.gov.bh",
  attestedAt: new Date(now.getTime() - 30 * day),
  ...over,
});
const failing = (a: GovernanceAccount, o: GovernanceOwner | null, domains = ["moh.gov.bh"]) =>
  evaluateControls({ account: a, owner: o, entityDomains: domains, now }).filter((r) => !r.met).map((r) => r.id);

describe("official account controls", () => {
  it("a complete record meets all eight controls", () => {
    const r = evaluateControls({ account: account(), owner: owner(), entityDomains: ["moh.gov.bh"], now });
    expect(r).toHaveLength(8);
    expect(r.every((x) => x.met)).toBe(true);
    expect(new Set(r.map((x) => x.clause))).toEqual(new Set(["GUIDE-OFFICIAL"]));
  });
  it("flags a personal recovery email, SMS 2FA, stale attestation and a dormant account", () => {
    const ids = failing(
      account({ lastPostAt: new Date(now.getTime() - 120 * day) }),
      owner({ recoveryContact: "someone@gmail.com", twoFactor: "sms", attestedAt: new Date(now.getTime() - 400 * day) }),
    );
    expect(ids.sort()).toEqual(["gov.official.2fa", "gov.official.active", "gov.official.attestation", "gov.official.recovery"]);
  });
  it("a custodian on a look-alike domain is not official", () => {
    expect(failing(account(), owner({ custodianEmail: "x@moh.gov.bh-wvs.app" }))).toEqual(["gov.official.custodian"]);
  });
  it("no ownership record fails every ownership control", () => {
    expect(failing(account(), null)).toHaveLength(6);
  });
});

describe("personal accounts", () => {
  it("recognises Arabic and English disclaimers, with hamza and tashkeel variants", () => {
    expect(hasDisclaimer("مهندس | الآراء تمثلني")).toBe(true);
    expect(hasDisclaimer("حسابٌ شخصيّ")).toBe(true);
    expect(hasDisclaimer("Views are my own.")).toBe(true);
    expect(hasDisclaimer("وزير الصحة")).toBe(false);
    expect(hasDisclaimer(null)).toBe(false);
  });
  it("employee with title and work email but no disclaimer fails all three", () => {
    const ids = failing(account({ class: "employee", bio: "موظف في وزارة الصحة a.b@moh.gov.bh" }), owner());
    expect(ids.sort()).toEqual(["gov.employee.disclaimer", "gov.employee.title", "gov.employee.work-email"]);
  });
  it("executive controls", () => {
    const ids = failing(account({ class: "executive", bio: "حساب شخصي", managedBy: "المكتب الإعلامي" }), owner());
    expect(ids.sort()).toEqual(["gov.exec.handover", "gov.exec.linked"]);
  });
  it("finds work emails on any gov.bh host or the entity's own domain", () => {
    expect(workEmailsIn("a@moe.bh b@gmail.com c@x.gov.bh", ["moe.bh"])).toEqual(["a@moe.bh", "c@x.gov.bh"]);
  });
});

describe("ownership completeness", () => {
  it("counts the fields asked for by class", () => {
    expect(ownershipCompleteness(owner(), "official")).toEqual({ met: 8, total: 8 });
    expect(ownershipCompleteness(owner({ backupName: null, twoFactor: "unknown" }), "official")).toEqual({ met: 6, total: 8 });
    expect(ownershipCompleteness(null, "employee")).toEqual({ met: 0, total: 4 });
  });
});
