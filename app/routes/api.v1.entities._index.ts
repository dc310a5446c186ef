/** GET /api/v1/entities — the entities the token's user may see, with account counts (scope `read`). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { entityScope } from "../../core/access";
import { entitiesWithAccountCounts } from "../../db/accounts";
import { db } from "~/lib/db.server";
import { apiJson, knownParams, requireToken } from "~/lib/api.server";
import { rateLimitHeaders } from "~/lib/rate-limit.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireToken(request, "read");
  knownParams(new URL(request.url), []);
  const entities = entitiesWithAccountCounts(db(), entityScope(caller.user)).map((e) => ({
    slug: e.slug,
    nameAr: e.nameAr,
    nameEn: e.nameEn,
    kind: e.kind,
    accounts: e.accounts,
    officialAccounts: e.official,
  }));
  return apiJson({ entities }, 200, rateLimitHeaders(caller.limit));
}
