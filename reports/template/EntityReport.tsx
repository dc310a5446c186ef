/** The weekly report of one entity (design §4 scores with their parts, registry, flags, next steps). */
import { CATEGORIES } from "../../core/enums";
import type { EntityReportData, FlaggedPost, ReportLocale } from "../types";
import { CountBars, ScoreBars, TrendLine } from "./charts";
import { dateTime, num } from "./fmt";
import { Delta, Ltr, Ratio, ScoreCards, WeekLine, sevClass } from "./parts";
import {
  ACCOUNT_STATUS_NAMES,
  CATEGORY_NAMES,
  CLASS_NAMES,
  CLAUSE_NAMES,
  PLATFORM_NAMES,
  RECOMMENDATIONS,
  SEVERITY_NAMES,
  STATUS_NAMES,
  fill,
  strings,
  type Strings,
} from "./strings";
import { displayHandle } from "../../core/handles";

const SEVERITY_ORDER = ["critical", "high", "medium", "low"];

/** What every section of the report gets: the data and the strings of its language. */
interface SectionProps {
  data: EntityReportData;
  t: Strings;
}

export function EntityReport({ data }: { data: EntityReportData }) {
  const t = strings(data.locale);
  return (
    <main>
      <Cover data={data} t={t} />
      {!data.hasData && (
        <p className="notice" data-testid="no-data">
          {t.noData}
        </p>
      )}
      <Scores data={data} t={t} />
      <NextSteps data={data} t={t} />
      <Accounts data={data} t={t} />
      <FailingControls data={data} t={t} />
      <Executives data={data} t={t} />
      <FlagBreakdown data={data} t={t} />
      <TopPosts data={data} t={t} />
      <Review data={data} t={t} />
    </main>
  );
}

function Cover({ data, t }: SectionProps) {
  const l = data.locale;
  return (
    <header className="cover">
      <p className="muted">
        {t.appName} — {t.entityTitle}
      </p>
      <h1>{l === "ar" ? data.entity.nameAr : data.entity.nameEn}</h1>
      <p className="sub">{l === "ar" ? <Ltr>{data.entity.nameEn}</Ltr> : data.entity.nameAr}</p>
      <WeekLine start={data.week.start} end={data.week.end} locale={l} t={t} />
      <p className="muted">
        {t.generatedAt}: {dateTime(data.generatedAt, l)}
      </p>
    </header>
  );
}

/** The four scores, their bars and trend, and the week's totals. */
function Scores({ data, t }: SectionProps) {
  const l = data.locale;
  return (
    <>
      <h2>{t.scores}</h2>
      <ScoreCards score={data.score} change={data.change} previous={data.previous} locale={l} t={t} />
      <div className="row">
        <div>
          <ScoreBars
            locale={l}
            na={t.noFigure}
            items={(["overall", "content", "governance", "responsiveness"] as const).map((k) => ({ label: t[k], value: data.score[k] }))}
          />
          <p className="muted">{t.scoreNote}</p>
        </div>
        <div>
          <h3>{t.trend}</h3>
          <TrendLine points={data.trend} locale={l} />
        </div>
      </div>
      <p>
        {t.posts}: <b>{num(data.totals.posts, l)}</b> · {t.flags}: <b>{num(data.totals.flags, l)}</b> · {t.openFlags}:{" "}
        <b>{num(data.totals.openFlags, l)}</b>
        {data.totals.weightedPer100 !== null && (
          <>
            {" "}
            · {t.per100}: <b>{num(data.totals.weightedPer100, l, 1)}</b>
          </>
        )}
      </p>
    </>
  );
}

function NextSteps({ data, t }: SectionProps) {
  const l = data.locale;
  return (
    <>
      <h2>{t.next}</h2>
      <ol className="next">
        {data.recommendations.map((rec, i) => (
          <li key={i}>
            {fill(RECOMMENDATIONS[l][rec.key], { n: num(rec.n ?? 0, l), title: rec.title ? rec.title[l] : "" })}
          </li>
        ))}
      </ol>
    </>
  );
}

function Accounts({ data, t }: SectionProps) {
  const l = data.locale;
  return (
    <>
      <h2>{t.accounts}</h2>
      {data.accounts.length === 0 ? (
        <p>{t.noAccounts}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t.account}</th>
              <th>{t.platform}</th>
              <th>{t.class}</th>
              <th>{t.status}</th>
              <th className="n">{t.ownership}</th>
              <th className="n">{t.controls}</th>
            </tr>
          </thead>
          <tbody>
            {data.accounts.map((a) => (
              <tr key={a.id}>
                <td>
                  <Ltr>{displayHandle(a.platform, a.handle)}</Ltr>
                  {a.holderName ? <div className="muted">{a.holderName}</div> : null}
                </td>
                <td>{PLATFORM_NAMES[l][a.platform]}</td>
                <td>{CLASS_NAMES[l][a.class]}</td>
                <td>{ACCOUNT_STATUS_NAMES[l][a.status]}</td>
                <td className="n">
                  <Ratio met={a.ownership.met} total={a.ownership.total} locale={l} />
                </td>
                <td className="n">
                  <Ratio met={a.controlsMet} total={a.controlsTotal} locale={l} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** Each failing control with up to four of the accounts failing it. */
function FailingControls({ data, t }: SectionProps) {
  const l = data.locale;
  return (
    <>
      <h2>{t.failing}</h2>
      {data.failingControls.length === 0 ? (
        <p>{t.noFailing}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t.control}</th>
              <th>{t.clause}</th>
              <th className="n">{t.failingAccounts}</th>
              <th>{t.account}</th>
            </tr>
          </thead>
          <tbody>
            {data.failingControls.map((c) => (
              <tr key={c.id}>
                <td>{c.title[l]}</td>
                <td style={{ whiteSpace: "nowrap" }}>
                  <Ltr>{c.clause}</Ltr>
                </td>
                <td className="n">{num(c.accounts.length, l)}</td>
                <td>
                  {c.accounts.slice(0, 4).map((a, i) => (
                    <span key={i}>
                      {i > 0 ? "، " : ""}
                      <Ltr>{displayHandle(a.platform, a.handle)}</Ltr>
                    </span>
                  ))}
                  {c.accounts.length > 4 ? ` (+${num(c.accounts.length - 4, l)})` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Executives({ data, t }: SectionProps) {
  const l = data.locale;
  return (
    <>
      <h2>{t.executives}</h2>
      {data.executives.length === 0 ? (
        <p>{t.noExecutives}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t.account}</th>
              <th>{t.holder}</th>
              <th>{t.managedBy}</th>
              <th className="n">{t.controls}</th>
              <th>{t.missing}</th>
              <th className="n">{t.flags}</th>
            </tr>
          </thead>
          <tbody>
            {data.executives.map((x) => (
              <tr key={`${x.platform}:${x.handle}`}>
                <td>
                  <Ltr>@{x.handle}</Ltr> <span className="muted">{PLATFORM_NAMES[l][x.platform]}</span>
                </td>
                <td>
                  {x.holderName ?? "—"}
                  {x.holderTitle ? <div className="muted">{x.holderTitle}</div> : null}
                </td>
                <td>{x.managedBy ?? "—"}</td>
                <td className="n">
                  <Ratio met={x.controlsMet} total={x.controlsTotal} locale={l} />
                </td>
                <td>{x.failing.length ? x.failing.map((f) => f[l]).join(l === "ar" ? "، " : ", ") : "—"}</td>
                <td className="n">{num(x.flagsThisWeek, l)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The week's flags by clause, by category and by severity. */
function FlagBreakdown({ data, t }: SectionProps) {
  const l = data.locale;
  const clauses = Object.keys(data.byClause).sort();
  return (
    <>
      <h2>{t.flagsBy}</h2>
      <div className="row">
        <div>
          <h3>{t.byClause}</h3>
          {clauses.length === 0 ? (
            <p>{t.none}</p>
          ) : (
            <CountBars locale={l} rows={clauses.map((c) => ({ label: `${c} · ${CLAUSE_NAMES[l][c] ?? ""}`, n: data.byClause[c] }))} />
          )}
        </div>
        <div>
          <h3>{t.byCategory}</h3>
          <CountBars
            locale={l}
            color="#7c3aed"
            rows={CATEGORIES.filter((c) => data.byCategory[c]).map((c) => ({ label: CATEGORY_NAMES[l][c], n: data.byCategory[c] }))}
          />
          <h3>{t.bySeverity}</h3>
          <CountBars
            locale={l}
            color="#dc2626"
            rows={SEVERITY_ORDER.map((s) => ({ label: SEVERITY_NAMES[l][s], n: data.bySeverity[s] ?? 0 }))}
          />
        </div>
      </div>
    </>
  );
}

function TopPosts({ data, t }: SectionProps) {
  return (
    <>
      <h2>{t.topPosts}</h2>
      {data.topPosts.length === 0 ? <p>{t.noTopPosts}</p> : data.topPosts.map((p) => <PostCard key={p.postId} post={p} locale={data.locale} t={t} />)}
    </>
  );
}

/** One flagged post: what was found, its status, and the excerpt with the evidence marked. */
function PostCard({ post: p, locale: l, t }: { post: FlaggedPost; locale: ReportLocale; t: Strings }) {
  return (
    <div className={`post ${p.severity}`}>
      <div className="meta">
        <span className={sevClass(p.severity)}>{SEVERITY_NAMES[l][p.severity]}</span>
        <span>{p.categories.map((c) => CATEGORY_NAMES[l][c]).join(" · ")}</span>
        <span>
          {p.clauses.map((c, i) => (
            <span key={c}>
              {i > 0 ? " · " : ""}
              <Ltr>{c}</Ltr>
            </span>
          ))}
        </span>
        <span>
          {t.status}: {STATUS_NAMES[l][p.status]}
          {p.escalated ? ` · ${t.escalated}` : ""}
          {p.deleted ? ` · ${t.deleted}` : ""}
        </span>
        <span>
          <Ltr>{displayHandle(p.platform, p.handle)}</Ltr> · {dateTime(p.publishedAt, l)}
        </span>
      </div>
      <blockquote dir="auto">
        {p.excerpt.map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
      </blockquote>
      {p.url && (
        <div className="url">
          {t.link}: <Ltr>{p.url}</Ltr>
        </div>
      )}
    </div>
  );
}

/** Review figures: raised, reviewed, due, on time, average hours, overdue, responsiveness. */
function Review({ data, t }: SectionProps) {
  const l = data.locale;
  const r = data.responsiveness;
  return (
    <>
      <h2>{t.review}</h2>
      <table>
        <tbody>
          <tr>
            <td>{t.raised}</td>
            <td className="n">{num(r.raised, l)}</td>
            <td>{t.reviewed}</td>
            <td className="n">{num(r.reviewed, l)}</td>
          </tr>
          <tr>
            <td>{t.due}</td>
            <td className="n">{num(r.due, l)}</td>
            <td>{t.onTime}</td>
            <td className="n">{num(r.onTime, l)}</td>
          </tr>
          <tr>
            <td>{t.avgHours}</td>
            <td className="n">{r.avgHours === null ? t.noFigure : num(r.avgHours, l, 1)}</td>
            <td>{t.overdue}</td>
            <td className="n">{num(r.overdueOpen, l)}</td>
          </tr>
          <tr>
            <td>{t.responsiveness}</td>
            <td className="n">{data.score.responsiveness === null ? t.noFigure : num(Math.round(data.score.responsiveness), l)}</td>
            <td>{t.change}</td>
            <td className="n">
              <Delta v={data.change.responsiveness} locale={l} na={t.noFigure} />
            </td>
          </tr>
        </tbody>
      </table>
    </>
  );
}
