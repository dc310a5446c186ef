/** Score cards (overall always with its parts) and the delta badge. */
import { formatNumber } from "~/lib/format";
import type { Locale, TFn } from "~/lib/i18n";

export interface ScoreParts {
  overall: number | null;
  content: number | null;
  governance: number | null;
  responsiveness: number | null;
}

export function scoreClass(v: number | null): string {
  if (v === null) return "score-none";
  return v >= 80 ? "score-good" : v >= 60 ? "score-mid" : "score-bad";
}

export function ScoreValue({ v, locale }: { v: number | null; locale: Locale }) {
  return <span className={`score-value ${scoreClass(v)}`}>{v === null ? "—" : formatNumber(Math.round(v), locale)}</span>;
}

export function Delta({ d, locale, t }: { d: number | null; locale: Locale; t: TFn }) {
  if (d === null) return <span className="delta muted">{t("score.noDelta")}</span>;
  const r = Math.round(d);
  const cls = r > 0 ? "delta-up" : r < 0 ? "delta-down" : "delta-flat";
  const sign = r > 0 ? "+" : r < 0 ? "−" : "±";
  return (
    <span className={`delta ${cls}`} title={t("score.sinceLastWeek")}>
      {sign}
      {formatNumber(Math.abs(r), locale)} <span className="muted small">{t("score.sinceLastWeek")}</span>
    </span>
  );
}

export function ScoreCards({ current, previous, locale, t }: { current: ScoreParts; previous: ScoreParts; locale: Locale; t: TFn }) {
  const parts = ["overall", "content", "governance", "responsiveness"] as const;
  return (
    <section className="score-cards" aria-label={t("score.title")} data-testid="score-cards">
      {parts.map((p) => (
        <div key={p} className={`card score-card ${p === "overall" ? "score-card-main" : ""}`} data-testid={`score-${p}`}>
          <div className="score-label">{t(`score.${p}`)}</div>
          <ScoreValue v={current[p]} locale={locale} />
          <Delta d={current[p] !== null && previous[p] !== null ? current[p]! - previous[p]! : null} locale={locale} t={t} />
          <div className="muted small">{t(`score.${p}Hint`)}</div>
        </div>
      ))}
    </section>
  );
}
