/** Download links of a page's exports (plain links: files, not client navigations), with the page's own query. */
import { useT } from "~/lib/i18n";

export function ExportLinks({ base, search = "", formats = ["csv", "xlsx"] }: { base: string; search?: string; formats?: readonly ("csv" | "xlsx")[] }) {
  const t = useT("common");
  return (
    <span className="export-links small" data-testid="export-links">
      {t("export.download")}:{" "}
      {formats.map((f, i) => (
        <span key={f}>
          {i > 0 && " · "}
          <a href={`${base}.${f}${search}`} download data-testid={`export-${f}`}>
            {f === "csv" ? "CSV" : "Excel"}
          </a>
        </span>
      ))}
    </span>
  );
}
