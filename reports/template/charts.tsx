/**
 * Charts as plain server-rendered SVG (recharts renders nothing without a DOM). Right-to-left
 * layouts are mirrored by hand: bars grow from the right, time runs right to left in Arabic.
 */
import type { ReportLocale } from "../types";
import { num } from "./fmt";

const COLORS = { track: "#e5e7eb", bar: "#0f766e", low: "#b91c1c", mid: "#d97706", high: "#047857", grid: "#e5e7eb", text: "#374151" };

export function scoreColor(v: number | null): string {
  if (v === null) return COLORS.track;
  return v >= 80 ? COLORS.high : v >= 60 ? COLORS.mid : COLORS.low;
}

/** Horizontal 0–100 bars, one per labelled part. */
export function ScoreBars({ items, locale, na }: { items: { label: string; value: number | null }[]; locale: ReportLocale; na: string }) {
  const rtl = locale === "ar";
  const W = 520;
  const rowH = 22;
  const labelW = 130;
  const valueW = 40;
  const barW = W - labelW - valueW - 10;
  const H = items.length * rowH + 4;
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" direction={rtl ? "rtl" : "ltr"}>
      {items.map((it, i) => {
        const y = i * rowH + 4;
        const len = it.value === null ? 0 : (barW * Math.max(0, Math.min(100, it.value))) / 100;
        // In RTL the label sits at the right edge and the bar grows leftwards from it.
        const labelX = rtl ? W - 4 : 0;
        const barStart = rtl ? W - labelW : labelW;
        const barX = rtl ? barStart - len : barStart;
        const trackX = rtl ? barStart - barW : barStart;
        const valueX = rtl ? trackX - 6 : trackX + barW + 6;
        return (
          <g key={it.label} fontSize="11" fill={COLORS.text}>
            <text x={labelX} y={y + 11} textAnchor="start">{it.label}</text>
            <rect x={trackX} y={y} width={barW} height={14} rx={3} fill={COLORS.track} />
            <rect x={barX} y={y} width={len} height={14} rx={3} fill={scoreColor(it.value)} />
            <text x={valueX} y={y + 11} textAnchor="start" fontWeight="700">
              {it.value === null ? na : num(Math.round(it.value), locale)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The overall score per week as a line (0–100), with the week's day/month under each point. */
export function TrendLine({ points, locale }: { points: { weekStart: string; overall: number | null }[]; locale: ReportLocale }) {
  const rtl = locale === "ar";
  const W = 520;
  const H = 130;
  const padX = 28;
  const top = 10;
  const bottom = 24;
  const plotH = H - top - bottom;
  const n = Math.max(points.length, 2);
  const xAt = (i: number) => {
    const x = padX + ((W - 2 * padX) * i) / (n - 1);
    return rtl ? W - x : x;
  };
  const yAt = (v: number) => top + plotH * (1 - v / 100);
  const segs: string[] = [];
  let current = "";
  points.forEach((p, i) => {
    if (p.overall === null) {
      if (current) segs.push(current);
      current = "";
      return;
    }
    current += `${current ? "L" : "M"}${xAt(i).toFixed(1)},${yAt(p.overall).toFixed(1)}`;
  });
  if (current) segs.push(current);
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img">
      {[0, 50, 100].map((g) => (
        <g key={g}>
          <line x1={padX} x2={W - padX} y1={yAt(g)} y2={yAt(g)} stroke={COLORS.grid} strokeWidth={1} />
          {/* direction ltr: in an RTL page "end" would otherwise run the label off the right edge */}
          <text x={rtl ? W - 4 : 4} y={yAt(g) + 4} fontSize="9" fill={COLORS.text} textAnchor={rtl ? "end" : "start"} direction="ltr">
            {num(g, locale)}
          </text>
        </g>
      ))}
      {segs.map((d, i) => (
        <path key={i} d={d} fill="none" stroke={COLORS.bar} strokeWidth={2} />
      ))}
      {points.map((p, i) => (
        <g key={p.weekStart}>
          {p.overall !== null && <circle cx={xAt(i)} cy={yAt(p.overall)} r={3} fill={scoreColor(p.overall)} />}
          <text x={xAt(i)} y={H - 6} fontSize="8.5" fill={COLORS.text} textAnchor="middle">
            {/* day/month, written left to right so it is never reordered */}
            {`${num(Number(p.weekStart.slice(8, 10)), locale)}/${num(Number(p.weekStart.slice(5, 7)), locale)}`}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** Colour of a heatmap cell: white → deep red as the count approaches the maximum. */
export function heatColor(n: number, max: number): string {
  if (n <= 0 || max <= 0) return "#ffffff";
  const t = Math.min(1, n / max);
  const light = Math.round(96 - t * 48); // 96% → 48% lightness
  return `hsl(0, 75%, ${light}%)`;
}

/** Horizontal count bars (flags by category, severity …) as an HTML table: text stays selectable. */
export function CountBars({ rows, locale, color = COLORS.bar }: { rows: { label: string; n: number; className?: string }[]; locale: ReportLocale; color?: string }) {
  const max = Math.max(1, ...rows.map((r) => r.n));
  return (
    <table>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <td style={{ width: "42%" }}>{r.label}</td>
            <td>
              <div style={{ background: COLORS.track, borderRadius: "1mm", height: "3mm" }}>
                <div style={{ width: `${(100 * r.n) / max}%`, background: color, height: "3mm", borderRadius: "1mm" }} />
              </div>
            </td>
            <td className="n" style={{ width: "12%" }}>{num(r.n, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
