/**
 * Deterministic seed: the demo world's entities, accounts and ownership records, and the demo
 * users. Re-running it changes nothing (rows are keyed by slug, platform+handle and email).
 */
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { DEMO_PASSWORD } from "../core/config";
import { hashPassword } from "./passwords";
import { openDb, databasePath, type Db } from "./client";
import { migrateDb } from "./migrate";
import { buildDemoWorld, DEMO_EPOCH, profileUrl, type DemoWorld } from "./demo/world";
import { apiIdOf } from "./demo/platform-ids";
import { accountOwners, accounts, entities, users } from "./schema";
import { type Role } from "../core/enums";

export interface DemoLogin {
  email: string;
  role: Role;
  entitySlug: string | null;
}

export function demoLogins(world: DemoWorld): DemoLogin[] {
  return [
    { email: "csb-admin@demo.local", role: "csb_admin", entitySlug: null },
    { email: "csb-analyst@demo.local", role: "csb_analyst", entitySlug: null },
    ...world.entities.flatMap((e) => [
      { email: `director@${e.slug}.demo.local`, role: "entity_director" as const, entitySlug: e.slug },
      { email: `reviewer@${e.slug}.demo.local`, role: "entity_reviewer" as const, entitySlug: e.slug },
    ]),
  ];
}

export async function seedDb(db: Db, world: DemoWorld = buildDemoWorld()): Promise<{ entities: number; accounts: number; users: number }> {
  // One argon2id hash for the shared demo password, with a fixed salt so the seed is reproducible.
  const salt = createHash("sha256").update("amanah-demo-salt").digest().subarray(0, 16);
  const passwordHash = await hashPassword(DEMO_PASSWORD, salt);

  db.transaction((tx) => {
    for (const e of world.entities) {
      tx.insert(entities)
        .values({ slug: e.slug, nameAr: e.nameAr, nameEn: e.nameEn, kind: e.kind, website: e.website, emailDomains: e.emailDomains, createdAt: new Date(DEMO_EPOCH) })
        .onConflictDoNothing()
        .run();
    }
    const entityIds = new Map(tx.select({ id: entities.id, slug: entities.slug }).from(entities).all().map((r) => [r.slug, r.id]));

    const accountIds = new Map<string, number>();
    for (const a of world.accounts) {
      const inserted = tx
        .insert(accounts)
        .values({
          entityId: entityIds.get(a.entitySlug)!,
          platform: a.platform,
          handle: a.handle,
          // The id the platform's API shows (a DID, a UC… channel id): the profile was read at DEMO_EPOCH.
          platformId: apiIdOf(a.platform, a.platformId),
          class: a.class,
          holderName: a.holderName,
          holderTitle: a.holderTitle,
          managedBy: a.managedBy,
          handoverPlan: a.handoverPlan,
          verificationRequested: a.verificationRequested,
          displayName: a.displayName,
          bio: a.bio,
          profileUrl: profileUrl(a.platform, a.handle),
          verified: a.verified,
          followers: a.followers,
          profileCreatedAt: new Date(a.profileCreatedAt),
          profileFetchedAt: new Date(DEMO_EPOCH),
          status: a.status,
          registryStatus: "registered",
          synthetic: true,
          createdAt: new Date(DEMO_EPOCH),
        })
        .onConflictDoNothing()
        .returning({ id: accounts.id })
        .get();
      if (inserted) {
        accountIds.set(a.key, inserted.id);
        tx.insert(accountOwners).values({ accountId: inserted.id, ...a.ownership, attestedAt: a.ownership.attestedAt === null ? null : new Date(a.ownership.attestedAt), validFrom: new Date(DEMO_EPOCH) }).run();
      }
    }
    for (const a of world.accounts) {
      const id = accountIds.get(a.key);
      const linked = a.linkedOfficialKey ? accountIds.get(a.linkedOfficialKey) : undefined;
      if (id && linked) tx.update(accounts).set({ linkedOfficialAccountId: linked }).where(eq(accounts.id, id)).run();
    }

    for (const login of demoLogins(world)) {
      tx.insert(users)
        .values({
          email: login.email,
          name: login.entitySlug ? `${login.role === "entity_director" ? "مدير الاتصال" : "مراجع"} — ${login.entitySlug}` : login.role === "csb_admin" ? "مشرف الديوان" : "محلل الديوان",
          passwordHash,
          role: login.role,
          entityId: login.entitySlug ? entityIds.get(login.entitySlug)! : null,
          createdAt: new Date(DEMO_EPOCH),
        })
        .onConflictDoNothing()
        .run();
    }
  });
  const count = (t: typeof entities | typeof accounts | typeof users) => db.$count(t);
  return { entities: await count(entities), accounts: await count(accounts), users: await count(users) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const db = openDb(databasePath());
  migrateDb(db);
  const counts = await seedDb(db);
  db.$client.close();
  console.log(`seeded ${databasePath()}: ${counts.entities} entities, ${counts.accounts} accounts, ${counts.users} users`);
}

/**
 * The demo world's epoch for this database: when it was first seeded (the oldest entity row). The
 * sandbox anchors its generated world here, so a second `npm run demo` on the same database serves
 * the same post ids and the stored cursors still point into it. Null before the first seed.
 */
export function seededAt(db: Db): number | null {
  const row = db.$client.prepare<[], { t: number | null }>("SELECT min(created_at) AS t FROM entities").get();
  return row?.t == null ? null : Math.floor(row.t);
}

