import { Form, useNavigation } from "@remix-run/react";
import type { ImportError, ImportResult } from "../../db/import-accounts";
import { useLocale, useT } from "~/lib/i18n";
import { formatNumber } from "~/lib/format";

const COLUMNS = "entity,platform,handle,class,holder_name,holder_title,custodian_name,custodian_email,backup_name,backup_email,credential_custody,two_factor,recovery_contact,attested_at";

/** Upload form + outcome (counts, or every bad row with its line number). */
export function CsvImport({ answer, scoped }: { answer?: { result: ImportResult; fileName: string | null }; scoped: boolean }) {
  const t = useT("registry");
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const r = answer?.result;
  const errorText = (e: ImportError) => {
    const params = { ...(e.params ?? {}), defaultValue: e.message };
    if (e.code === "feed_refused") return t("csv.feed_refused", { ...params, reasonText: t(`feedReason.${e.params?.reason}`, { defaultValue: String(e.params?.reason ?? "") }) });
    return t(`csv.${e.code}`, params);
  };
  return (
    <div className="stack">
      <section className="card stack">
        <p>{scoped ? t("import.introEntity") : t("import.introCsb")}</p>
        <p className="small">
          {t("import.columns")} <code dir="ltr">{scoped ? COLUMNS.replace("entity,", "[entity,]") : COLUMNS}</code>
        </p>
        <p className="muted small">{t("import.rules")}</p>
        <Form method="post" encType="multipart/form-data" className="form" style={{ maxInlineSize: "32rem" }}>
          <label className="field">
            <span>{t("import.file")}</span>
            <input type="file" name="file" accept=".csv,text/csv" required />
          </label>
          <label className="field">
            <span>{t("import.encoding")}</span>
            <select name="charset" defaultValue="utf-8">
              <option value="utf-8">{t("import.encodingUtf8")}</option>
              <option value="windows-1256">{t("import.encodingWin1256")}</option>
            </select>
          </label>
          <label>
            <input type="checkbox" name="dryRun" /> {t("import.dryRun")}
          </label>
          <div className="form-actions">
            <button className="btn btn-primary" type="submit" disabled={busy}>
              {t("import.submit")}
            </button>
          </div>
        </Form>
      </section>
      {r?.ok && (
        <p className="alert alert-ok" role="status" data-testid="import-ok">
          {t(r.dryRun ? "import.dryRunDone" : "import.done", {
            created: formatNumber(r.created, locale),
            updated: formatNumber(r.updated, locale),
            unchanged: formatNumber(r.unchanged, locale),
          })}
        </p>
      )}
      {r && !r.ok && (
        <section className="stack" data-testid="import-errors">
          <p className="alert alert-error" role="alert">
            {t("import.failed", { n: formatNumber(r.errors.length, locale) })}
          </p>
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th>{t("import.line")}</th>
                  <th>{t("import.column")}</th>
                  <th>{t("import.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {r.errors.slice(0, 500).map((e, i) => (
                  <tr key={i}>
                    <td>{e.line ? formatNumber(e.line, locale) : "—"}</td>
                    <td>{e.column ? <code dir="ltr">{e.column}</code> : ""}</td>
                    <td>{errorText(e)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
