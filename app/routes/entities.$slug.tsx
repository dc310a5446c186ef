import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { canEditEntity, requireEntityAccess } from "~/lib/permissions.server";
import { useLocale, useT } from "~/lib/i18n";
import { Ltr } from "~/lib/format";
import { Tabs } from "~/components/Tabs";
import { PageHead } from "~/components/PageHead";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.entity.nameAr} · ${data.entity.nameEn} — أمانة` : "أمانة" },
];

/** Entity layout: header + tabs. Child routes re-check access themselves (loaders run in parallel). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, entity } = await requireEntityAccess(request, params.slug ?? "");
  return json({ entity, canEdit: canEditEntity(user, entity.id) });
}

export default function EntityLayout() {
  const { entity, canEdit } = useLoaderData<typeof loader>();
  const t = useT("registry");
  const tc = useT("common");
  const locale = useLocale();
  const base = `/entities/${entity.slug}`;
  return (
    <main id="main">
      <header className="entity-head" data-testid="entity-head">
        <PageHead
          title={locale === "ar" ? entity.nameAr : entity.nameEn}
          subtitle={locale === "ar" ? entity.nameEn : entity.nameAr}
          style={{ marginBlockEnd: 0 }}
        >
          <span className="pill pill-brand">{tc(`kind.${entity.kind}`)}</span>
        </PageHead>
        <dl className="meta">
          <div>
            <dt>{t("entity.website")}</dt>
            <dd>
              {entity.website ? (
                <a href={`https://${entity.website.replace(/^https?:\/\//, "")}`} rel="noopener noreferrer" target="_blank">
                  <Ltr>{entity.website}</Ltr>
                </a>
              ) : (
                t("entity.unknown")
              )}
            </dd>
          </div>
          <div>
            <dt>{t("entity.emailDomains")}</dt>
            <dd>{entity.emailDomains.length ? entity.emailDomains.map((d) => <Ltr key={d}>{d} </Ltr>) : t("entity.unknown")}</dd>
          </div>
        </dl>
        <Tabs
          label={t("entity.tabs")}
          tabs={[
            { to: base, label: t("entity.overview"), end: true },
            { to: `${base}/accounts`, label: t("entity.accounts") },
            { to: `${base}/impersonation`, label: t("entity.impersonation") },
            ...(canEdit ? [{ to: `${base}/import`, label: t("entity.import") }] : []),
          ]}
        />
      </header>
      <Outlet />
    </main>
  );
}
