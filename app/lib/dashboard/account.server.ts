/** Account page: profile, ownership summary, checklist, flagged posts, edit/deletion history, fetch health. */
import type { Db } from "../../../db/client";
import {
  accountById,
  accountPostFlags,
  accountProfileFlags,
  changedPosts,
  postCount,
  postVersions,
  recentFetchRuns,
  type FetchRunRow,
  type PostVersionRow,
} from "../../../db/read/account";
import { entityWithDomains, type EntityRef } from "../../../db/read/entities";
import { currentOwner, governanceOwner } from "../../../db/read/governance";
import { ownershipCompleteness, type ControlResult } from "../../../core/governance";
import type { AccountClass, AccountStatus, CredentialCustody, TwoFactor } from "../../../core/enums";
import { accountControls, groupFlaggedPosts, parseDomains, toFlagView, type FlagView, type FlaggedPostView } from "./entity.server";

export interface AccountPage {
  account: {
    id: number;
    class: AccountClass;
    bio: string | null;
    verified: boolean | null;
    followers: number | null;
    status: AccountStatus;
    holderName: string | null;
    holderTitle: string | null;
    managedBy: string | null;
    profileFetchedAt: number | null;
  };
  entity: EntityRef;
  owner: { custodianName: string | null; backupName: string | null; attestedAt: number | null; twoFactor: TwoFactor; credentialCustody: CredentialCustody } | null;
  completeness: { met: number; total: number };
  controls: ControlResult[];
  flagged: FlaggedPostView[];
  profileFlags: FlagView[];
  history: { postId: number; url: string | null; publishedAt: number; deletedAt: number | null; versions: PostVersionRow[] }[];
  fetchRuns: FetchRunRow[];
  posts: number;
}

export function accountPage(db: Db, accountId: number, now: number): AccountPage | null {
  const a = accountById(db, accountId);
  if (!a) return null;
  const e = entityWithDomains(db, a.entityId);
  if (!e) return null;
  const ownerRow = currentOwner(db, accountId);
  const owner = governanceOwner(ownerRow);
  return {
    account: {
      id: a.id,
      class: a.class,
      bio: a.bio,
      verified: a.verified === null ? null : !!a.verified,
      followers: a.followers,
      status: a.status,
      holderName: a.holderName,
      holderTitle: a.holderTitle,
      managedBy: a.managedBy,
      profileFetchedAt: a.profileFetchedAt,
    },
    entity: { id: e.id, slug: e.slug, nameAr: e.nameAr, nameEn: e.nameEn },
    owner: owner
      ? { custodianName: owner.custodianName, backupName: owner.backupName, attestedAt: owner.attestedAt?.getTime() ?? null, twoFactor: owner.twoFactor, credentialCustody: owner.credentialCustody }
      : null,
    completeness: ownershipCompleteness(owner, a.class),
    controls: accountControls(db, a, parseDomains(e.emailDomains), now, ownerRow),
    flagged: groupFlaggedPosts(accountPostFlags(db, a), 15),
    profileFlags: accountProfileFlags(db, accountId).map(toFlagView),
    history: changedPosts(db, accountId).map((p) => ({ postId: p.id, url: p.url, publishedAt: p.publishedAt, deletedAt: p.deletedAt, versions: postVersions(db, p.id) })),
    fetchRuns: recentFetchRuns(db, accountId),
    posts: postCount(db, accountId),
  };
}
