/**
 * Twelve-week trend: a recharts line chart after hydration (recharts renders nothing on the server)
 * and, always, a server-rendered table of the same figures so the page works without scripts.
 */
import { useEffect, useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDate, formatNumber } from "~/lib/format";
import type { Locale, TFn } from "~/lib/i18n";

export interface TrendPoint {
  weekStart: string;
  overall: number | null;
  content: number | null;
  governance: number | null;
  responsiveness: number | null;
  posts: number;
  flags: number;
}

const COLORS = { overall: "#0b5d4b", content: "#c0392b", governance: "#1d4f86", responsiveness: "#b7791f" } as const;

export function TrendChart({ points, locale, t }: { points: TrendPoint[]; locale: Locale; t: TFn }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (!mounted) return null;
  const data = points.map((p) => ({ ...p, label: formatDate(`${p.weekStart}T12:00:00+03:00`, locale) }));
  return (
    <div className="trend-chart" dir="ltr" data-testid="trend-chart">
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} margin={{ top: 10, right: 20, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e7ee" />
          <XAxis dataKey="label" reversed={locale === "ar"} tick={{ fontSize: 11 }} />
          <YAxis domain={[0, 100]} orientation={locale === "ar" ? "right" : "left"} tick={{ fontSize: 11 }} width={32} />
          <Tooltip formatter={(v) => (typeof v === "number" ? formatNumber(Math.round(v), locale) : "—")} />
          <Legend />
          {(Object.keys(COLORS) as (keyof typeof COLORS)[]).map((k) => (
            <Line key={k} type="monotone" dataKey={k} name={t(`score.${k}`)} stroke={COLORS[k]} strokeWidth={k === "overall" ? 3 : 1.5} dot={false} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

const fmt = (v: number | null, locale: Locale) => (v === null ? "—" : formatNumber(Math.round(v), locale));

export function TrendTable({ points, locale, t }: { points: TrendPoint[]; locale: Locale; t: TFn }) {
  return (
    <div className="table-wrap">
      <table className="data" data-testid="trend-table">
        <caption className="sr-only">{t("trend.title")}</caption>
        <thead>
          <tr>
            <th>{t("trend.week")}</th>
            <th className="num">{t("score.overall")}</th>
            <th className="num">{t("score.content")}</th>
            <th className="num">{t("score.governance")}</th>
            <th className="num">{t("score.responsiveness")}</th>
            <th className="num">{t("trend.posts")}</th>
            <th className="num">{t("trend.flags")}</th>
          </tr>
        </thead>
        <tbody>
          {[...points].reverse().map((p) => (
            <tr key={p.weekStart}>
              <td>{formatDate(`${p.weekStart}T12:00:00+03:00`, locale)}</td>
              <td className="num">{fmt(p.overall, locale)}</td>
              <td className="num">{fmt(p.content, locale)}</td>
              <td className="num">{fmt(p.governance, locale)}</td>
              <td className="num">{fmt(p.responsiveness, locale)}</td>
              <td className="num">{formatNumber(p.posts, locale)}</td>
              <td className="num">{formatNumber(p.flags, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A tiny server-rendered SVG sparkline (the comparison table's trend column). */
export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const w = 96;
  const h = 24;
  const step = values.length > 1 ? w / (values.length - 1) : w;
  const pts = values.map((v, i) => (v === null ? null : `${(i * step).toFixed(1)},${(h - (v / 100) * h).toFixed(1)}`));
  const segs: string[][] = [[]];
  for (const p of pts) {
    if (p === null) segs.push([]);
    else segs[segs.length - 1].push(p);
  }
  return (
    <svg className="sparkline" width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label} style={{ direction: "ltr" }}>
      {segs.filter((s) => s.length).map((s, i) => (
        <polyline key={i} points={s.join(" ")} fill="none" stroke="#0b5d4b" strokeWidth="1.5" />
      ))}
    </svg>
  );
}
