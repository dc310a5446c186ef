/** The full HTML document around a report: language, direction, embedded fonts and styles. */
import type { ReportData } from "../types";
import { CsbReport } from "./CsbReport";
import { EntityReport } from "./EntityReport";
import { strings } from "./strings";
import { reportCss } from "./styles";

export interface DocumentProps {
  data: ReportData;
  /** @font-face rules (embedded fonts); the CSS names only these families. */
  fontCss: string;
  fontStack: string;
  quoteStack: string;
}

export function ReportDocument({ data, fontCss, fontStack, quoteStack }: DocumentProps) {
  const t = strings(data.locale);
  const title =
    data.scope === "entity"
      ? `${t.entityTitle} — ${data.locale === "ar" ? data.entity.nameAr : data.entity.nameEn} — ${data.week.start}`
      : `${t.csbTitle} — ${data.week.start}`;
  return (
    <html lang={data.locale} dir={data.locale === "ar" ? "rtl" : "ltr"}>
      <head>
        <meta charSet="utf-8" />
        <title>{title}</title>
        <style dangerouslySetInnerHTML={{ __html: fontCss + reportCss(fontStack, quoteStack) }} />
      </head>
      <body>{data.scope === "entity" ? <EntityReport data={data} /> : <CsbReport data={data} />}</body>
    </html>
  );
}
