/**
 * Bull Board at /admin/queues for csb_admin only: every ingestion queue, its jobs, failures and
 * retries. `authorize(req)` decides (the server passes the session check); anything else is a 404
 * so the page's existence is not revealed.
 */
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import type { Express, NextFunction, Request, Response } from "express";
import { closeQueues, openQueues } from "./queues";

export const BOARD_PATH = "/admin/queues";

export function mountQueueBoard(
  app: Express,
  opts: { redisUrl: string; authorize: (req: Request) => boolean | Promise<boolean>; basePath?: string },
): { close(): Promise<void> } {
  const basePath = opts.basePath ?? BOARD_PATH;
  const queues = openQueues(opts.redisUrl);
  const adapter = new ExpressAdapter();
  adapter.setBasePath(basePath);
  // @bull-board/express pins its own @bull-board/api (9.10.1 vs 9.10.2): same shape, distinct types.
  const serverAdapter = adapter as unknown as Parameters<typeof createBullBoard>[0]["serverAdapter"];
  createBullBoard({ queues: Object.values(queues).map((q) => new BullMQAdapter(q)), serverAdapter });
  const guard = async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (await opts.authorize(req)) return next();
    } catch {
      /* fall through: not authorised */
    }
    res.status(404).type("text/plain").send("Not found");
  };
  app.use(basePath, guard, adapter.getRouter());
  return { close: () => closeQueues(queues) };
}
