import { beforeAll, describe, expect, it } from "vitest";
import { freshDb } from "../helpers/db";
import { CSV_COLUMNS, validateAccountsCsv } from "../../db/import-accounts";
import { entities } from "../../db/schema";
import type { Db } from "../../db/client";

const H = CSV_COLUMNS.join(",");
const row = (over: Partial<Record<(typeof CSV_COLUMNS)[number], string>> = {}) =>
  CSV_COLUMNS.map((c) => over[c] ?? ({ entity: "moi", platform: "x", handle: "ok_handle", class: "official" } as Record<string, string>)[c] ?? "").join(",");

describe("CSV row validation", () => {
  let db: Db;
  beforeAll(() => {
    ({ db } = freshDb("csv-unit"));
    db.insert(entities).values({ slug: "moi", nameAr: "وزارة", nameEn: "Ministry", kind: "ministry" }).run();
  });

  const codes = async (csv: string) => {
    const r = await validateAccountsCsv(db, csv);
    return r.ok ? [] : r.errors.map((e) => `${e.line}:${e.code}`);
  };

  it("accepts a minimal good row and canonicalises the handle", async () => {
    const r = await validateAccountsCsv(db, `${H}\n${row({ handle: "@OK_Handle" })}`);
    expect(r.ok && r.rows[0].handle).toBe("ok_handle");
  });
  it("defaults empty custody / 2FA to unknown and reads the date in Bahrain time", async () => {
    const r = await validateAccountsCsv(db, `${H}\n${row({ attested_at: "2026-10-01" })}`);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.rows[0].owner).toMatchObject({ credentialCustody: "unknown", twoFactor: "unknown" });
      expect(r.rows[0].owner.attestedAt!.toISOString()).toBe("2026-09-30T21:00:00.000Z");
    }
  });
  it.each([
    [{ custodian_email: "nope" }, "2:email"],
    [{ backup_email: "a@b" }, "2:email"],
    [{ entity: "" }, "2:required"],
    [{ entity: "mars" }, "2:unknown_entity"],
    [{ platform: "tiktok" }, "2:platform"],
    [{ class: "vip" }, "2:class"],
    [{ handle: "way_too_long_for_x_handles" }, "2:handle"],
    [{ handle: "" }, "2:required"],
    [{ two_factor: "carrier_pigeon" }, "2:choice"],
    [{ attested_at: "01/10/2026" }, "2:date"],
    [{ attested_at: "2026-02-30" }, "2:date"],
    [{ platform: "mastodon", handle: "nohost" }, "2:handle"],
    [{ platform: "rss", handle: "javascript:alert(1)" }, "2:handle"],
  ])("refuses %o", async (over, code) => {
    expect(await codes(`${H}\n${row(over)}`)).toEqual([code]);
  });
  it("reports duplicates within the file against the first line", async () => {
    const r = await validateAccountsCsv(db, `${H}\n${row()}\n${row({ handle: "@OK_HANDLE" })}`);
    expect(r.ok ? null : r.errors[0]).toMatchObject({ line: 3, code: "duplicate", params: { firstLine: 2 } });
  });
  it("counts lines of multi-line quoted fields", async () => {
    const r = await validateAccountsCsv(db, `${H}\n${row({ holder_name: '"سطر\nثان"' })}\n${row({ handle: "x y" })}`);
    expect(r.ok ? null : r.errors[0]).toMatchObject({ line: 4, code: "handle" });
  });
});
