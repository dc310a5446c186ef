import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { entityScope, isCsb, requireUser } from "~/lib/permissions.server";
import { listEntitiesWithCounts } from "~/lib/registry.server";
import { db } from "~/lib/db.server";
import { notFound } from "~/lib/http.server";
import { entitySlug } from "../../db/read/entities";
import { useLocale, useT } from "~/lib/i18n";
import { formatNumber } from "~/lib/format";
import { PageHead } from "~/components/PageHead";

export const meta: MetaFunction = () => [{ title: "الجهات · Entities — أمانة" }];

/** CSB sees every entity; an entity user goes straight to their own. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!isCsb(user)) {
    const slug = user.entityId ? entitySlug(db(), user.entityId) : undefined;
    if (!slug) notFound();
    throw redirect(`/entities/${slug}`);
  }
  return json({ entities: listEntitiesWithCounts(entityScope(user)), canImport: user.role === "csb_admin" });
}

export default function EntitiesIndex() {
  const { entities: list, canImport } = useLoaderData<typeof loader>();
  const t = useT("registry");
  const tc = useT("common");
  const locale = useLocale();
  return (
    <main id="main">
      <PageHead title={t("entities.title")} subtitle={t("entities.count", { n: formatNumber(list.length, locale) })}>
        {canImport && (
          <Link className="btn" to="/import">
            {t("import.csbTitle")}
          </Link>
        )}
      </PageHead>
      <div className="entity-grid">
        {[...list].sort((a, b) => (locale === "ar" ? a.nameAr.localeCompare(b.nameAr, "ar") : a.nameEn.localeCompare(b.nameEn, "en"))).map((e) => (
          <Link key={e.id} to={`/entities/${e.slug}`} className="card entity-card" data-testid="entity-card">
            <h2>{locale === "ar" ? e.nameAr : e.nameEn}</h2>
            <div className="muted small">{locale === "ar" ? e.nameEn : e.nameAr}</div>
            <div className="counts">
              <span className="pill pill-brand">{tc(`kind.${e.kind}`)}</span>
              <span className="pill">{t("entities.accounts", { n: formatNumber(e.accounts, locale) })}</span>
              <span className="pill">{t("entities.official", { n: formatNumber(e.official, locale) })}</span>
            </div>
          </Link>
        ))}
      </div>
    </main>
  );
}
