/**
 * The platform sandbox as its own process for the ingestion bench, as a real platform would be:
 * otherwise it shares the worker's event loop and the bench measures both. Prints its URL as one
 * JSON line. SANDBOX_ENTITIES (comma-separated slugs), SANDBOX_HISTORY_DAYS, SANDBOX_START (ms).
 */
import { startSandbox } from "../../connectors/sandbox/server";

const entities = new Set((process.env.SANDBOX_ENTITIES ?? "").split(",").filter(Boolean));
const sb = await startSandbox({
  port: 0,
  startAt: Number(process.env.SANDBOX_START),
  historyDays: Number(process.env.SANDBOX_HISTORY_DAYS ?? 14),
  accountFilter: entities.size ? (a) => entities.has(a.entitySlug) : undefined,
});
console.log(JSON.stringify({ url: sb.url }));
process.on("SIGTERM", () => void sb.close().then(() => process.exit(0)));
