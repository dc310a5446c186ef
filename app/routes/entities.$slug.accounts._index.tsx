import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ACCOUNT_CLASSES, PLATFORMS, type AccountClass, type Platform } from "../../core/enums";
import { canEditEntity, requireEntityAccess } from "~/lib/permissions.server";
import { entityAccounts } from "~/lib/registry.server";
import { ownershipCompleteness } from "../../core/governance";
import { useLocale, useT } from "~/lib/i18n";
import { Ltr, formatNumber } from "~/lib/format";
import { Completeness } from "~/components/Completeness";
import { ExportLinks } from "~/components/ExportLinks";
import { displayHandle } from "../../core/handles";

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, entity } = await requireEntityAccess(request, params.slug ?? "");
  const url = new URL(request.url);
  const filter = {
    class: oneOf<AccountClass>(ACCOUNT_CLASSES, url.searchParams.get("class")),
    platform: oneOf<Platform>(PLATFORMS, url.searchParams.get("platform")),
  };
  const rows = entityAccounts(entity.id, filter).map(({ account, owner }) => ({
    id: account.id,
    platform: account.platform,
    handle: account.handle,
    class: account.class,
    holderName: account.holderName,
    status: account.status,
    registryStatus: account.registryStatus,
    synthetic: account.synthetic,
    completeness: ownershipCompleteness(owner, account.class),
  }));
  return json({ slug: entity.slug, rows, filter, canEdit: canEditEntity(user, entity.id) });
}

const STATUS_TONE: Record<string, string> = { active: "pill-ok", dormant: "pill-warn", archived: "", not_found: "pill-bad", suspended: "pill-bad", auth_failed: "pill-bad", protected: "pill-warn" };

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function EntityAccounts() {
  const { slug, rows, filter, canEdit } = useLoaderData<typeof loader>();
  const t = useT("registry");
  const locale = useLocale();
  const anySynthetic = rows.some((r) => r.synthetic);
  return (
    <section className="stack" aria-labelledby="accounts-title">
      <div className="toolbar">
        <h2 id="accounts-title" style={{ margin: 0 }}>
          {t("accounts.title")} <span className="muted small">({formatNumber(rows.length, locale)})</span>
        </h2>
        <ExportLinks
          base={`/entities/${slug}/accounts/export`}
          search={(() => {
            const q = new URLSearchParams();
            if (filter.class) q.set("class", filter.class);
            if (filter.platform) q.set("platform", filter.platform);
            return q.size ? `?${q}` : "";
          })()}
        />
        {canEdit && (
          <Link className="btn btn-primary" to={`/entities/${slug}/accounts/new`}>
            {t("accounts.new")}
          </Link>
        )}
      </div>
      {anySynthetic && (
        <p className="alert alert-info" data-testid="synthetic-note">
          {t("accounts.syntheticNote")}
        </p>
      )}
      <AccountFilters filter={filter} />
      <AccountsTable rows={rows} />
    </section>
  );
}

/** Class and platform filters (a GET form: the filter is in the URL). */
function AccountFilters({ filter }: { filter: LoaderData["filter"] }) {
  const t = useT("registry");
  const tc = useT("common");
  return (
    <Form method="get" className="filters">
      <label className="field">
        <span>{t("fields.class")}</span>
        <select name="class" defaultValue={filter.class ?? ""}>
          <option value="">{tc("all")}</option>
          {ACCOUNT_CLASSES.map((c) => (
            <option key={c} value={c}>
              {tc(`class.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("fields.platform")}</span>
        <select name="platform" defaultValue={filter.platform ?? ""}>
          <option value="">{tc("all")}</option>
          {PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {tc(`platform.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn">
        {tc("filter")}
      </button>
    </Form>
  );
}

function AccountsTable({ rows }: { rows: LoaderData["rows"] }) {
  const t = useT("registry");
  const tc = useT("common");
  const locale = useLocale();
  return (
    <div className="table-wrap">
      <table className="data" data-testid="accounts-table">
        <thead>
          <tr>
            <th>{t("fields.class")}</th>
            <th>{t("fields.platform")}</th>
            <th>{t("fields.handle")}</th>
            <th>{t("fields.holderName")}</th>
            <th>{t("fields.status")}</th>
            <th>{t("fields.registryStatus")}</th>
            <th>{t("accounts.completeness")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                {t("accounts.empty")}
              </td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{tc(`class.${r.class}`)}</td>
              <td>{tc(`platform.${r.platform}`)}</td>
              <td>
                <Link to={`/accounts/${r.id}`}>
                  <Ltr>{displayHandle(r.platform, r.handle)}</Ltr>
                </Link>
              </td>
              <td>{r.holderName ?? <span className="muted">{tc("none")}</span>}</td>
              <td>
                <span className={`pill ${STATUS_TONE[r.status] ?? ""}`}>{tc(`status.${r.status}`)}</span>
              </td>
              <td>{tc(`registryStatus.${r.registryStatus}`)}</td>
              <td>
                <Completeness met={r.completeness.met} total={r.completeness.total} locale={locale} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
