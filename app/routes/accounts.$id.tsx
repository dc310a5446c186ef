import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, Outlet, useLoaderData } from "@remix-run/react";
import { canEditEntity, canExportRecords } from "~/lib/permissions.server";
import { requireAccountAccess } from "~/lib/registry.server";
import { useLocale, useT } from "~/lib/i18n";
import { Ltr } from "~/lib/format";
import { Tabs } from "~/components/Tabs";
import { displayHandle } from "../../core/handles";
import { PageHead } from "~/components/PageHead";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${displayHandle(data.account.platform, data.account.handle)} — أمانة` : "أمانة" },
];

/** Account layout: header + tabs. Children re-check access themselves. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, account, entity } = await requireAccountAccess(request, params.id);
  return json({
    account: {
      id: account.id,
      platform: account.platform,
      handle: account.handle,
      class: account.class,
      status: account.status,
      registryStatus: account.registryStatus,
      synthetic: account.synthetic,
      displayName: account.displayName,
      profileUrl: account.profileUrl,
    },
    entity: { slug: entity.slug, nameAr: entity.nameAr, nameEn: entity.nameEn },
    canEdit: canEditEntity(user, entity.id),
    canExportRecords: canExportRecords(user, entity.id),
  });
}

export default function AccountLayout() {
  const { account, entity, canEdit, canExportRecords } = useLoaderData<typeof loader>();
  const t = useT("registry");
  const tc = useT("common");
  const locale = useLocale();
  const base = `/accounts/${account.id}`;
  return (
    <main id="main">
      <header className="entity-head" data-testid="account-head">
        <p className="small" style={{ margin: 0 }}>
          <Link to={`/entities/${entity.slug}/accounts`}>{locale === "ar" ? entity.nameAr : entity.nameEn}</Link>
        </p>
        {/* Display names come from the platform: untrusted, rendered as escaped text. */}
        <PageHead
          title={<Ltr>{displayHandle(account.platform, account.handle)}</Ltr>}
          subtitle={account.displayName ?? undefined}
          style={{ marginBlockEnd: 0 }}
        >
          <div style={{ display: "flex", gap: "0.4rem", flexWrap: "wrap" }}>
            <span className="pill pill-brand">{tc(`platform.${account.platform}`)}</span>
            <span className="pill">{tc(`class.${account.class}`)}</span>
            <span className="pill">{tc(`status.${account.status}`)}</span>
            <span className="pill">{tc(`registryStatus.${account.registryStatus}`)}</span>
          </div>
        </PageHead>
        {canExportRecords && (
          <p className="small" style={{ marginBlock: "0.5rem 0" }}>
            <a href={`${base}/records.zip`} download data-testid="records-export">
              {tc("export.records")}
            </a>
          </p>
        )}
        {account.synthetic && <p className="muted small" style={{ marginBlock: "0.5rem 0" }}>{t("accounts.syntheticOne")}</p>}
        <Tabs
          label={t("account.tabs")}
          tabs={[
            { to: base, label: t("account.overview"), end: true },
            { to: `${base}/ownership`, label: t("account.ownership") },
            ...(canEdit ? [{ to: `${base}/edit`, label: t("account.edit") }] : []),
          ]}
        />
      </header>
      <Outlet />
    </main>
  );
}
