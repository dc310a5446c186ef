/** Report data → complete HTML document string (the PDF input and the dashboard preview). */
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { FONT_STACK, QUOTE_STACK, fontFaceCss } from "./fonts";
import { ReportDocument } from "./template/Document";
import { strings } from "./template/strings";
import type { ReportData } from "./types";
import type { PdfChrome } from "./render";

export function reportHtml(data: ReportData): string {
  return (
    "<!doctype html>" +
    renderToStaticMarkup(createElement(ReportDocument, { data, fontCss: fontFaceCss(), fontStack: FONT_STACK, quoteStack: QUOTE_STACK }))
  );
}

/** Header (subject and week) and footer (page x of y) for the PDF. */
export function reportChrome(data: ReportData): PdfChrome {
  const t = strings(data.locale);
  const subject = data.scope === "entity" ? (data.locale === "ar" ? data.entity.nameAr : data.entity.nameEn) : t.csbTitle;
  return {
    locale: data.locale,
    headerStart: [subject],
    headerEnd: [`${t.week} `, { ltr: `${data.week.start} — ${data.week.end}` }],
    footer: [t.footer],
    pageWord: t.page,
    ofWord: t.of,
  };
}
