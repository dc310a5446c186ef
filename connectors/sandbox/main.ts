/** `npm run sandbox`: starts the platform sandbox (SANDBOX_PORT, default 4010) on the real clock. */
import { startSandbox } from "./server";

const sb = await startSandbox({
  // Demo mode: the world starts at the real "now" and posts keep arriving as time passes.
  startAt: process.env.SANDBOX_START ? Date.parse(process.env.SANDBOX_START) : Date.now(),
  now: process.env.SANDBOX_FROZEN ? undefined : Date.now,
  historyDays: Number(process.env.SANDBOX_HISTORY_DAYS ?? 14),
  seed: process.env.SANDBOX_SEED ?? "amanah-sandbox",
});
console.log(`Amanah platform sandbox on ${sb.url}`);
for (const [p, u] of Object.entries(sb.baseUrls)) console.log(`  ${p.padEnd(9)} ${u}`);
console.log("  control   /_sandbox/{clock,faults,requests,accounts,truth.jsonl}");
const stop = () => void sb.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
