/**
 * HTML → PDF with the shared headless Chromium (A4, printed backgrounds, header with the report's
 * subject and week, footer with page numbers). The header/footer are separate documents for
 * Chromium, so they carry their own @font-face; everything is embedded, nothing is fetched.
 */
import { withPage } from "./browser";
import { FONT_STACK, fontFaceCss } from "./fonts";

export interface PdfChrome {
  locale: "ar" | "en";
  /** Header text at the start and end of the line (entity name; week). Escaped here. */
  headerStart: Segment[];
  headerEnd: Segment[];
  /** Footer label before the page numbers, e.g. "Amanah — weekly compliance report". */
  footer: Segment[];
  /** "Page" word and "of" word for the footer. */
  pageWord: string;
  ofWord: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Plain text, or a left-to-right run (date, id) isolated so it is not reordered in RTL. */
export type Segment = string | { ltr: string };

function segs(parts: Segment[]): string {
  return parts.map((p) => (typeof p === "string" ? escapeHtml(p) : `<bdi dir="ltr">${escapeHtml(p.ltr)}</bdi>`)).join("");
}

export interface RenderedPdf {
  pdf: Buffer;
  pages: number;
}


function chromeTemplate(c: PdfChrome, body: string): string {
  const dir = c.locale === "ar" ? "rtl" : "ltr";
  // Header/footer documents start with font-size 0 and no margins: set both explicitly.
  return (
    `<style>${fontFaceCss(true)}` +
    `.h{font-family:${FONT_STACK};font-variant-ligatures:no-common-ligatures;font-size:8pt;color:#4b5563;width:100%;margin:0 14mm;display:flex;justify-content:space-between;direction:${dir};-webkit-print-color-adjust:exact}` +
    `bdi{unicode-bidi:isolate}</style>` +
    body
  );
}

export function headerTemplate(c: PdfChrome): string {
  return chromeTemplate(c, `<div class="h"><span>${segs(c.headerStart)}</span><span>${segs(c.headerEnd)}</span></div>`);
}

export function footerTemplate(c: PdfChrome): string {
  return chromeTemplate(
    c,
    `<div class="h"><span>${segs(c.footer)}</span>` +
      `<span>${escapeHtml(c.pageWord)} <bdi dir="ltr"><span class="pageNumber"></span></bdi> ${escapeHtml(c.ofWord)} <bdi dir="ltr"><span class="totalPages"></span></bdi></span></div>`,
  );
}

/** Page count of a Chromium-made PDF: the page tree root's /Count (Skia writes it uncompressed). */
export function pdfPageCount(pdf: Buffer): number {
  const text = pdf.toString("latin1");
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) => Number(m[1] ?? m[2]));
  if (counts.length) return Math.max(...counts);
  return (text.match(/\/Type\s*\/Page\b/g) ?? []).length;
}

/** Renders a complete HTML document to an A4 PDF. Waits for the embedded fonts before printing. */
export async function htmlToPdf(html: string, chrome: PdfChrome): Promise<RenderedPdf> {
  return withPage(async (page) => {
    await page.setContent(html, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const pdf = await page.pdf({
      format: "A4",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: headerTemplate(chrome),
      footerTemplate: footerTemplate(chrome),
      margin: { top: "18mm", bottom: "16mm", left: "12mm", right: "12mm" },
      preferCSSPageSize: false,
    });
    return { pdf, pages: pdfPageCount(pdf) };
  });
}
