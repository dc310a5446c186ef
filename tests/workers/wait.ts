/** Polling helpers for queue tests (conditions, never timings). */
import type { Queues, QueueKey } from "../../workers/queues";

export async function waitFor(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** True when none of the given queues has work waiting, delayed, active or prioritised. */
export async function queuesIdle(q: Queues, keys: QueueKey[] = ["fetch", "profile", "recheck"]): Promise<boolean> {
  for (const k of keys) {
    const c = await q[k].getJobCounts("waiting", "active", "delayed", "prioritized");
    if (Object.values(c).some((n) => n > 0)) return false;
  }
  return true;
}
