/** The report stylesheet. Font stacks name only the embedded families (see fonts.server.ts). */
export function reportCss(fontStack: string, quoteStack: string): string {
  return `
@page { size: A4; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: ${fontStack}; font-variant-ligatures: no-common-ligatures no-discretionary-ligatures; font-size: 9.5pt; line-height: 1.55; color: #111827; margin: 0; }
bdi { unicode-bidi: isolate; }
h1 { font-size: 18pt; margin: 0 0 2mm; color: #0f3d3e; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; color: #0f3d3e; border-bottom: 0.6mm solid #0f766e; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 10pt; margin: 3mm 0 1mm; color: #374151; break-after: avoid; }
p { margin: 1mm 0; }
.sub { color: #4b5563; }
.muted { color: #6b7280; font-size: 8.5pt; }
.cover { border-bottom: 1mm solid #0f766e; padding-bottom: 3mm; margin-bottom: 3mm; }
.notice { background: #fef3c7; border: 0.3mm solid #f59e0b; padding: 2mm 3mm; border-radius: 1.5mm; margin: 2mm 0; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2.5mm; margin: 2mm 0; }
.card { border: 0.3mm solid #d1d5db; border-radius: 2mm; padding: 2mm 3mm; break-inside: avoid; }
.card.main { background: #ecfdf5; border-color: #0f766e; }
.card .label { font-size: 8.5pt; color: #4b5563; }
.card .value { font-size: 20pt; font-weight: 700; line-height: 1.2; }
.card .delta { font-size: 8.5pt; }
.pos { color: #047857; } .neg { color: #b91c1c; } .zero { color: #6b7280; }
.row { display: flex; gap: 4mm; align-items: flex-start; }
.row > * { flex: 1; min-width: 0; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 2mm; font-size: 8.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border-bottom: 0.2mm solid #e5e7eb; padding: 1mm 1.5mm; text-align: start; vertical-align: top; }
th { background: #f3f4f6; font-weight: 700; }
td.n, th.n { text-align: center; white-space: nowrap; }
.pill { display: inline-block; padding: 0 1.6mm; border-radius: 1.5mm; font-size: 7.8pt; font-weight: 700; white-space: nowrap; }
.sev-low { background: #e0f2fe; color: #075985; }
.sev-medium { background: #fef9c3; color: #854d0e; }
.sev-high { background: #ffedd5; color: #9a3412; }
.sev-critical { background: #fee2e2; color: #991b1b; }
.post { border: 0.3mm solid #e5e7eb; border-inline-start: 1.2mm solid #9ca3af; border-radius: 1.5mm; padding: 2mm 3mm; margin: 2mm 0; break-inside: avoid; }
.post.critical { border-inline-start-color: #dc2626; } .post.high { border-inline-start-color: #ea580c; }
.post.medium { border-inline-start-color: #ca8a04; } .post.low { border-inline-start-color: #0284c7; }
.post .meta { font-size: 8pt; color: #4b5563; display: flex; flex-wrap: wrap; gap: 1mm 3mm; }
.post blockquote { font-family: ${quoteStack}; font-size: 10.5pt; margin: 1.5mm 0; line-height: 1.8; }
mark { background: #fde68a; color: #7c2d12; padding: 0 0.5mm; border-radius: 0.5mm; }
.url { font-size: 7.5pt; color: #1d4ed8; word-break: break-all; }
ol.next li { margin: 1mm 0; }
.chart { width: 100%; height: auto; }
.heat td { text-align: center; font-size: 7.8pt; padding: 0.6mm; }
.heat td.name { text-align: start; white-space: nowrap; max-width: 55mm; overflow: hidden; text-overflow: ellipsis; }
.heat th { font-size: 7.2pt; padding: 0.6mm; }
.section { break-inside: auto; }
`;
}
