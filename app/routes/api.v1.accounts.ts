/**
 * GET /api/v1/accounts?entity= — registered accounts with their current ownership record: the
 * entity's (when given and visible), else every account the token's user may see.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { entityScope } from "../../core/access";
import { accountsWithOwners, type AccountWithOwner } from "../../db/accounts";
import { db } from "~/lib/db.server";
import { apiJson, iso, knownParams, requireToken, visibleEntity } from "~/lib/api.server";
import { rateLimitHeaders } from "~/lib/rate-limit.server";

function accountJson({ account: a, owner: o, entitySlug }: AccountWithOwner & { entitySlug: string }) {
  return {
    id: a.id,
    entity: entitySlug,
    platform: a.platform,
    handle: a.handle,
    class: a.class,
    status: a.status,
    registryStatus: a.registryStatus,
    displayName: a.displayName,
    profileUrl: a.profileUrl,
    verified: a.verified,
    followers: a.followers,
    holderName: a.holderName,
    holderTitle: a.holderTitle,
    managedBy: a.managedBy,
    synthetic: a.synthetic,
    owner: o
      ? {
          custodianName: o.custodianName,
          custodianEmail: o.custodianEmail,
          backupName: o.backupName,
          backupEmail: o.backupEmail,
          credentialCustody: o.credentialCustody,
          twoFactor: o.twoFactor,
          recoveryContact: o.recoveryContact,
          attestedAt: iso(o.attestedAt),
          since: iso(o.validFrom),
        }
      : null,
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireToken(request, "read");
  const url = new URL(request.url);
  knownParams(url, ["entity"]);
  const slug = url.searchParams.get("entity") || null;
  const entityId = slug !== null ? visibleEntity(caller.user, slug).id : entityScope(caller.user);
  return apiJson({ accounts: accountsWithOwners(db(), entityId).map(accountJson) }, 200, rateLimitHeaders(caller.limit));
}
