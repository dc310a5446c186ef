/** A registry write refreshes today's rollup, so the governance score moves at once. */
import { describe, expect, it } from "vitest";
import { importAccounts } from "../../db/import-accounts";
import { bahrainDay } from "../../core/calendar";
import { seededDb } from "../helpers/db";

const HEADER =
  "entity,platform,handle,class,holder_name,holder_title,custodian_name,custodian_email,backup_name,backup_email,credential_custody,two_factor,recovery_contact,attested_at";

describe("rollups follow registry writes", () => {
  it("an imported official account without controls lowers today's governance share", async () => {
    const { db } = await seededDb("rollup-registry");
    const now = new Date();
    const today = bahrainDay(now);
    const read = () =>
      db.$client
        .prepare("SELECT controls_applicable AS a, controls_met AS m FROM entity_day_rollups r JOIN entities e ON e.id = r.entity_id WHERE e.slug = 'health' AND day = ?")
        .get(today) as { a: number; m: number } | undefined;
    const first = await importAccounts(db, `${HEADER}\nhealth,x,moh_new_desk,official,,,,,,,,,,\n`, { actor: "system:test", now });
    expect(first).toMatchObject({ ok: true, created: 1 });
    const after = read();
    expect(after).toBeDefined();
    // The new official account brings eight controls and meets at most the "active" one.
    const again = await importAccounts(db, `${HEADER}\nhealth,x,moh_new_desk,official,,,مريم,maryam@moh.gov.bh,,,,hardware_key,,\n`, { actor: "system:test", now });
    expect(again).toMatchObject({ ok: true, updated: 1 });
    const fixed = read()!;
    expect(fixed.a).toBe(after!.a);
    expect(fixed.m).toBe(after!.m + 2); // named custodian on the official domain, and 2FA
  });
});
