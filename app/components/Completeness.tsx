import { formatNumber, localDigits } from "~/lib/format";
import type { Locale } from "~/lib/i18n";

export function Completeness({ met, total, locale }: { met: number; total: number; locale: Locale }) {
  const pct = total ? Math.round((met / total) * 100) : 0;
  return (
    <span className="completeness" title={`${pct}%`}>
      <span className="meter" aria-hidden="true">
        <span style={{ inlineSize: `${pct}%` }} />
      </span>
      <span dir="ltr">{localDigits(`${met}/${total}`, locale)}</span>
      <span className="sr-only">{formatNumber(pct, locale)}%</span>
    </span>
  );
}
