/**
 * What a flag rests on beyond text spans (a takeover signal's before/after, new domain, counts),
 * as labelled values. The values are platform text: React text nodes only, each in its own <bdi>
 * so a Latin handle or domain keeps its direction inside Arabic.
 */
import type { Locale, TFn } from "~/lib/i18n";
import { formatDateTime, formatNumber } from "~/lib/format";

/** One labelled value (`review.server.ts` `evidenceFacts` reads them from the stored evidence). */
export interface EvidenceFact {
  key: string;
  value: string | number;
}

export function EvidenceFacts({ facts, t, locale }: { facts: readonly EvidenceFact[]; t: TFn; locale: Locale }) {
  if (facts.length === 0) return null;
  return (
    <div className="facts" data-testid="facts">
      <div className="muted small">{t("facts")}</div>
      <dl>
        {facts.map((f) => (
          <div key={f.key}>
            <dt>{t(`fact.${f.key}`, { defaultValue: f.key })}</dt>
            <dd>
              <bdi dir="auto">{typeof f.value === "string" ? f.value : f.key === "at" ? formatDateTime(f.value, locale) : formatNumber(f.value, locale, { maximumFractionDigits: 2 })}</bdi>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
