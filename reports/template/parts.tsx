/** Small shared pieces of the report template. */
import type { ReactNode } from "react";
import type { Parts, ReportLocale } from "../types";
import { day, num, score, signed } from "./fmt";
import { fill, type Strings } from "./strings";

/** A left-to-right island (date, id, handle, URL, Latin run) that the bidi algorithm must not reorder. */
export function Ltr({ children }: { children: ReactNode }) {
  return <bdi dir="ltr">{children}</bdi>;
}

export function Delta({ v, locale, na }: { v: number | null; locale: ReportLocale; na: string }) {
  const cls = v === null || Math.round(v) === 0 ? "zero" : v > 0 ? "pos" : "neg";
  return (
    <span className={cls}>
      <Ltr>{signed(v, locale, na)}</Ltr>
    </span>
  );
}

export function WeekLine({ start, end, locale, t }: { start: string; end: string; locale: ReportLocale; t: Strings }) {
  const [a, b] = fill(t.weekRange, { from: "\uE000", to: "\uE001" }).split(/[\uE000\uE001]/);
  return (
    <p className="sub">
      {t.week}: {a}
      {day(start, locale)}
      {b}
      {day(end, locale)} (<Ltr>{start}</Ltr> — <Ltr>{end}</Ltr>)
    </p>
  );
}

export function ScoreCards({ score: s, change, previous, locale, t }: { score: Parts; change: Parts; previous: Parts; locale: ReportLocale; t: Strings }) {
  const keys = ["overall", "content", "governance", "responsiveness"] as const;
  return (
    <div className="cards">
      {keys.map((k) => (
        <div key={k} className={`card${k === "overall" ? " main" : ""}`} data-part={k}>
          <div className="label">{t[k]}</div>
          <div className="value">{score(s[k], locale, t.noFigure)}</div>
          <div className="delta">
            {t.change}: <Delta v={change[k]} locale={locale} na={t.noFigure} />
          </div>
          <div className="delta muted">
            {t.previous}: {score(previous[k], locale, t.noFigure)}
          </div>
        </div>
      ))}
    </div>
  );
}

export function sevClass(s: string): string {
  return `pill sev-${s}`;
}

/** "met of total": "٤ من ٦" in Arabic (a slash between Arabic digits reads ambiguously), "4/6" in English. */
export function Ratio({ met, total, locale }: { met: number; total: number; locale: ReportLocale }) {
  return locale === "ar" ? (
    <>
      {num(met, locale)} من {num(total, locale)}
    </>
  ) : (
    <Ltr>
      {num(met, locale)}/{num(total, locale)}
    </Ltr>
  );
}
