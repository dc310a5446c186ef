import { describe, expect, it } from "vitest";
import { canEditEntity, canReview, canSeeEntity, entityScope, type SessionUser } from "../../app/lib/permissions.server";
import type { Role } from "../../core/enums";

const OWN = 7;
const OTHER = 9;
const user = (role: Role, entityId: number | null): SessionUser => ({ id: 1, email: "u@x", name: "u", role, entityId, locale: "ar" });

// Expected answers: [see own, see other, edit own, edit other, review own, review other, scope]
const TABLE: [Role, number | null, boolean[], number | null][] = [
  ["csb_admin", null, [true, true, true, true, true, true], null],
  ["csb_analyst", null, [true, true, false, false, true, true], null],
  ["entity_director", OWN, [true, false, true, false, true, false], OWN],
  ["entity_reviewer", OWN, [true, false, false, false, true, false], OWN],
];

describe("permission rules", () => {
  for (const [role, entityId, expected, scope] of TABLE) {
    it(`${role}: own / other entity / CSB-wide`, () => {
      const u = user(role, entityId);
      expect([
        canSeeEntity(u, OWN),
        canSeeEntity(u, OTHER),
        canEditEntity(u, OWN),
        canEditEntity(u, OTHER),
        canReview(u, OWN),
        canReview(u, OTHER),
      ]).toEqual(expected);
      expect(entityScope(u)).toBe(scope);
    });
  }

  it("an entity user without an entity sees nothing", () => {
    const u = user("entity_director", null);
    expect(canSeeEntity(u, OWN)).toBe(false);
    expect(canEditEntity(u, OWN)).toBe(false);
    expect(canReview(u, OWN)).toBe(false);
    expect(entityScope(u)).toBe(-1);
  });
});
