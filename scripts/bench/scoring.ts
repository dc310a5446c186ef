/**
 * Scoring benchmark: posts/s with the full policy on generated realistic posts (one core), next
 * to the floor of merely parsing and writing the same JSON Lines, and memory growth over a long
 * run (1M posts; 100k in quick mode). Rates are per CPU-second of this process (one core; robust
 * to other load on a shared machine). Floor and scoring alternate in rounds; the rates are each
 * side's best round and the ratio is theirs (the median per-round ratio is reported too).
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { processLine } from "../../core/scoring/cli-line";
import { mulberry32 } from "../../core/scoring/model/logreg";

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target?: string;
}

const AR_NEWS = [
  "تعلن وزارة الصحة عن بدء حملة التطعيم ضد الإنفلونزا الموسمية في جميع المراكز الصحية",
  "استقبل سعادة الوزير وفدا من الهيئة لبحث سبل التعاون المشترك وتطوير الخدمات الإلكترونية",
  "يسر هيئة المعلومات والحكومة الإلكترونية الإعلان عن إطلاق خدمة جديدة عبر البوابة الوطنية",
  "نهنئ الفائزين في المسابقة الوطنية للابتكار ونتمنى لهم دوام التوفيق والنجاح",
  "تنويه: ستكون الخدمات متوقفة مؤقتا يوم الجمعة لأعمال الصيانة الدورية",
  "بمناسبة اليوم الوطني نرفع أسمى آيات التهاني والتبريكات إلى مقام حضرة صاحب الجلالة الملك",
];
const AR_CHAT = [
  "الله يعطيكم العافية على الشغل الحلو يا شباب",
  "متى بتفتحون الفرع الجديد في المحرق؟ صار لي أسبوع أنتظر",
  "والله الخدمة صارت أسرع من قبل، شكرا لكم",
  "ليش الموقع ما يشتغل من الصبح؟ حاولت أكثر من مرة",
  "يا حمار شنو هالخدمة الزفت",
  "الله يلعنكم على هالتأخير يا وزارة",
  "لا تترك كلبك في السيارة في الحر",
];
const EN = [
  "The Ministry announces new opening hours for service centres starting next week.",
  "Great initiative! Looking forward to the results of the national survey.",
  "Why is the portal down again? This is the third time this month.",
  "You idiots can't even keep a website running",
  "Join us at the exhibition centre on Sunday for the launch of the youth programme.",
];
const EXTRAS = [
  " للتواصل 39123456", " الرقم الشخصي 850312345", " info@moh.gov.bh", " ahmed.ali@gmail.com",
  " سري للغاية", " #البحرين", " https://www.bahrain.bh/news", " 🇧🇭👏", " @moh_bahrain", " الخط الساخن 80008000",
];
const CLASSES = ["official", "official", "official", "executive", "employee"];

/** Deterministic realistic posts as JSON Lines. */
export function generatePosts(n: number, seed = 7): string[] {
  const r = mulberry32(seed);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const u = r();
    let text = u < 0.45 ? pick(AR_NEWS) : u < 0.8 ? pick(AR_CHAT) : pick(EN);
    if (r() < 0.5) text += " " + (u < 0.8 ? pick(AR_CHAT) : pick(EN));
    if (r() < 0.3) text += pick(EXTRAS);
    const kind = r() < 0.05 ? "bio" : "post";
    lines.push(JSON.stringify({ id: `p${i}`, text, accountClass: pick(CLASSES), kind, entityDomains: ["moh.gov.bh"] }));
  }
  return lines;
}

function gcFn(): () => void {
  try {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    return () => gc();
  } catch {
    return () => {};
  }
}

/** Process CPU time in ms (user + system): unlike wall time, it does not count time spent waiting for a shared core. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Items per CPU-second of `fn` over `lines` (at least `minMs` of CPU time). */
function timeRate(lines: string[], fn: (line: string) => string, minMs: number): number {
  let n = 0;
  let sink = 0;
  const t0 = cpuMs();
  let el = 0;
  do {
    for (const l of lines) sink += fn(l).length;
    n += lines.length;
    el = cpuMs() - t0;
  } while (el < minMs);
  if (sink < 0) console.error(sink); // keep the work observable
  return (n / el) * 1000;
}

export async function benchScoring(opts: { quick?: boolean }): Promise<BenchResult[]> {
  const quick = !!opts.quick;
  const lines = generatePosts(50_000);
  // The floor: parse each line and write it back out, with no scoring at all.
  const floor = (l: string) => JSON.stringify(JSON.parse(l));
  // Warm up both paths so the JIT has settled.
  timeRate(lines.slice(0, 5000), floor, 0);
  timeRate(lines.slice(0, 5000), processLine, 0);
  // The machine is shared: time is process CPU time, and floor and scoring alternate in short
  // rounds keeping each one's best, so a burst of someone else's load does not land on one side
  // of the ratio only.
  const rounds = quick ? 4 : 8;
  let floorRate = 0;
  let scoreRate = 0;
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const f = timeRate(lines, floor, quick ? 100 : 250);
    const s = timeRate(lines, processLine, quick ? 100 : 250);
    floorRate = Math.max(floorRate, f);
    scoreRate = Math.max(scoreRate, s);
    ratios.push(f / s);
  }
  ratios.sort((a, b) => a - b);
  const medianRatio = ratios[ratios.length >> 1];

  const gc = gcFn();
  const total = quick ? 100_000 : 1_000_000;
  gc();
  const h0 = process.memoryUsage();
  for (let i = 0; i < total; i++) processLine(lines[i % lines.length]);
  gc();
  const h1 = process.memoryUsage();
  const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;
  return [
    { name: "posts_per_s", value: Math.round(scoreRate), unit: "posts/s", target: ">= 20000" },
    { name: "floor_parse_write_per_s", value: Math.round(floorRate), unit: "lines/s" },
    { name: "ratio_to_floor", value: Math.round((floorRate / scoreRate) * 100) / 100, unit: "x", target: "<= 3" },
    { name: "ratio_to_floor_median_round", value: Math.round(medianRatio * 100) / 100, unit: "x" },
    { name: `heap_growth_${total / 1000}k`, value: mb(h1.heapUsed - h0.heapUsed), unit: "MB" },
    { name: `rss_growth_${total / 1000}k`, value: mb(h1.rss - h0.rss), unit: "MB" },
  ];
}

// Run directly: `npx tsx scripts/bench/scoring.ts [--quick]`.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, "/"))) {
  benchScoring({ quick: process.argv.includes("--quick") }).then((r) => console.log(JSON.stringify(r, null, 1)));
}
