/** The accounts processors work on (loaded by db/ingest.ts), as connector refs and scoring subjects. */
import type { AccountRef } from "../connectors/types";
import type { WorkAccount } from "../db/ingest";
import type { Subject } from "./flag-rows";

export type { WorkAccount } from "../db/ingest";

export const refOf = (a: WorkAccount): AccountRef => ({ platform: a.platform, handle: a.handle, platformId: a.platformId });

export const subjectOf = (a: WorkAccount): Subject => ({
  accountId: a.id,
  entityId: a.entityId,
  accountClass: a.class,
  entityDomains: a.entityDomains,
});
