/** The CSB-wide weekly report: league table, entities × categories heatmap, movers, attention list. */
import { CATEGORIES } from "../../core/enums";
import { delta } from "../../core/compliance/formula";
import type { CsbReportData, LeagueLine, Parts, ReportLocale } from "../types";
import { ScoreBars, heatColor, scoreColor } from "./charts";
import { dateTime, num, score } from "./fmt";
import { Delta, ScoreCards, WeekLine } from "./parts";
import { ATTENTION_NAMES, CATEGORY_NAMES, strings, type Strings } from "./strings";

const entityName = (x: LeagueLine, l: ReportLocale) => (l === "ar" ? x.entity.nameAr : x.entity.nameEn);

/** What every section of the report gets: the data and the strings of its language. */
interface SectionProps {
  data: CsbReportData;
  t: Strings;
}

export function CsbReport({ data }: { data: CsbReportData }) {
  const t = strings(data.locale);
  return (
    <main>
      <Cover data={data} t={t} />
      {!data.hasData && (
        <p className="notice" data-testid="no-data">
          {t.noDataCsb}
        </p>
      )}
      <Average data={data} t={t} />
      <Attention data={data} t={t} />
      <Movers data={data} t={t} />
      <League data={data} t={t} />
      <Heatmap data={data} t={t} />
    </main>
  );
}

function Cover({ data, t }: SectionProps) {
  const l = data.locale;
  return (
    <header className="cover">
      <p className="muted">{t.appName}</p>
      <h1>{t.csbTitle}</h1>
      <WeekLine start={data.week.start} end={data.week.end} locale={l} t={t} />
      <p className="muted">
        {t.generatedAt}: {dateTime(data.generatedAt, l)} · {t.entities}: {num(data.totals.entities, l)} · {t.posts}:{" "}
        {num(data.totals.posts, l)} · {t.flags}: {num(data.totals.flags, l)} · {t.critical}: {num(data.totals.critical, l)}
      </p>
    </header>
  );
}

/** The entities' average scores, with their change from the week before. */
function Average({ data, t }: SectionProps) {
  const l = data.locale;
  const d = (k: keyof Parts) => delta(data.average[k], data.averagePrevious[k]);
  const change: Parts = { overall: d("overall"), content: d("content"), governance: d("governance"), responsiveness: d("responsiveness") };
  return (
    <>
      <h2>{t.average}</h2>
      <ScoreCards score={data.average} change={change} previous={data.averagePrevious} locale={l} t={t} />
      <ScoreBars
        locale={l}
        na={t.noFigure}
        items={(["overall", "content", "governance", "responsiveness"] as const).map((k) => ({ label: t[k], value: data.average[k] }))}
      />
      <p className="muted">{t.scoreNote}</p>
    </>
  );
}

function Attention({ data, t }: SectionProps) {
  const l = data.locale;
  return (
    <>
      <h2>{t.attention}</h2>
      {data.attention.length === 0 ? (
        <p>{t.noAttention}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t.entity}</th>
              <th className="n">{t.overall}</th>
              <th>{t.reasons}</th>
            </tr>
          </thead>
          <tbody>
            {data.attention.map(({ line, reasons }) => (
              <tr key={line.entity.id}>
                <td>{entityName(line, l)}</td>
                <td className="n">{score(line.score.overall, l, t.noFigure)}</td>
                <td>{reasons.map((r) => ATTENTION_NAMES[l][r]).join(l === "ar" ? "، " : ", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Movers({ data, t }: SectionProps) {
  return (
    <>
      <h2>{t.movers}</h2>
      <div className="row">
        <div>
          <h3>{t.up}</h3>
          <MoverList lines={data.movers.up} l={data.locale} t={t} />
        </div>
        <div>
          <h3>{t.down}</h3>
          <MoverList lines={data.movers.down} l={data.locale} t={t} />
        </div>
      </div>
    </>
  );
}

function MoverList({ lines, l, t }: { lines: LeagueLine[]; l: ReportLocale; t: Strings }) {
  if (lines.length === 0) return <p>{t.noMovers}</p>;
  return (
    <table>
      <tbody>
        {lines.map((x) => (
          <tr key={x.entity.id}>
            <td>{entityName(x, l)}</td>
            <td className="n">{score(x.score.overall, l, t.noFigure)}</td>
            <td className="n">
              <Delta v={x.change.overall} locale={l} na={t.noFigure} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every entity ranked by overall score, with its parts and volumes. */
function League({ data, t }: SectionProps) {
  const l = data.locale;
  return (
    <>
      <h2>{t.league}</h2>
      <table>
        <thead>
          <tr>
            <th className="n">{t.rank}</th>
            <th>{t.entity}</th>
            <th className="n">{t.overall}</th>
            <th className="n">{t.change}</th>
            <th className="n">{t.content}</th>
            <th className="n">{t.governance}</th>
            <th className="n">{t.responsiveness}</th>
            <th className="n">{t.posts}</th>
            <th className="n">{t.flags}</th>
          </tr>
        </thead>
        <tbody>
          {data.league.map((x, i) => (
            <tr key={x.entity.id}>
              <td className="n">{num(i + 1, l)}</td>
              <td>{entityName(x, l)}</td>
              <td className="n" style={{ fontWeight: 700, color: scoreColor(x.score.overall) }}>
                {score(x.score.overall, l, t.noFigure)}
              </td>
              <td className="n">
                <Delta v={x.change.overall} locale={l} na={t.noFigure} />
              </td>
              <td className="n">{score(x.score.content, l, t.noFigure)}</td>
              <td className="n">{score(x.score.governance, l, t.noFigure)}</td>
              <td className="n">{score(x.score.responsiveness, l, t.noFigure)}</td>
              <td className="n">{num(x.posts, l)}</td>
              <td className="n">{num(x.flags, l)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Flags per entity and category, shaded against the busiest cell. */
function Heatmap({ data, t }: SectionProps) {
  const l = data.locale;
  const maxCell = Math.max(1, ...data.league.flatMap((x) => CATEGORIES.map((c) => x.byCategory[c] ?? 0)));
  return (
    <>
      <h2>{t.heatmap}</h2>
      <table className="heat">
        <thead>
          <tr>
            <th>{t.entity}</th>
            {CATEGORIES.map((c) => (
              <th key={c}>{CATEGORY_NAMES[l][c]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.league.map((x) => (
            <tr key={x.entity.id}>
              <td className="name">{entityName(x, l)}</td>
              {CATEGORIES.map((c) => {
                const n = x.byCategory[c] ?? 0;
                return (
                  <td key={c} style={{ background: heatColor(n, maxCell), color: n / maxCell > 0.6 ? "#fff" : "#111827" }}>
                    {n ? num(n, l) : ""}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
