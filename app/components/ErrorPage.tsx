import { Link } from "@remix-run/react";
import type { TFn } from "~/lib/i18n";

const KNOWN = new Set([400, 403, 404, 429, 500]);

/** The error page for 400/403/404/429/500 in the current language (bilingual if strings are missing). */
export function ErrorPage({ status, t }: { status: number; t: TFn }) {
  const code = KNOWN.has(status) ? status : status >= 500 ? 500 : 400;
  const title = t(`error.${code}`, { defaultValue: fallbackTitle(code) });
  const detail = t(`error.${code}Detail`, { defaultValue: "" });
  return (
    <main className="error-page" id="main">
      <p className="error-code">{status}</p>
      <h1>{title}</h1>
      {detail && <p className="muted">{detail}</p>}
      <p>
        <Link to="/">{t("error.backHome", { defaultValue: "الصفحة الرئيسية · Home" })}</Link>
      </p>
    </main>
  );
}

function fallbackTitle(code: number): string {
  switch (code) {
    case 404:
      return "الصفحة غير موجودة · Page not found";
    case 403:
      return "غير مسموح · Not allowed";
    case 400:
      return "طلب غير صالح · Bad request";
    case 429:
      return "محاولات كثيرة · Too many attempts";
    default:
      return "خطأ في الخادم · Server error";
  }
}
