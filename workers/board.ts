/**
 * Bull Board at /admin/queues for csb_admin only: every ingestion queue, its jobs, failures and
 * retries. `authorize(req)` decides (the server passes the session check); anything else is a 404
 * so the page's existence is not revealed.
 *
 * The board (bull-board, BullMQ and a queue per ingestion queue with its Redis connection) loads
 * on the first authorised request, not with every web process: most never serve it, and loading
 * it costs each ≈ 12 MB of memory.
 */
import type { Express, NextFunction, Request, RequestHandler, Response } from "express";

export const BOARD_PATH = "/admin/queues";

/**
 * The board's own Content-Security-Policy (its pages are not Remix's, so entry.server's policy
 * never reaches them): its scripts and styles are its own files; its inline `style` attributes
 * need 'unsafe-inline' for styles only; job data it shows comes from the platforms, so nothing
 * else may run, load or frame it (its web-font link to a third party is refused too).
 */
export const BOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'", // its page sets <base href> to the board's path
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

interface LoadedBoard {
  router: RequestHandler;
  close(): Promise<void>;
}

async function loadBoard(redisUrl: string, basePath: string): Promise<LoadedBoard> {
  const [{ createBullBoard }, { BullMQAdapter }, { ExpressAdapter }, { closeQueues, openQueues }] = await Promise.all([
    import("@bull-board/api"),
    import("@bull-board/api/bullMQAdapter"),
    import("@bull-board/express"),
    import("./queues"),
  ]);
  const queues = openQueues(redisUrl);
  const adapter = new ExpressAdapter();
  adapter.setBasePath(basePath);
  // @bull-board/express pins its own @bull-board/api (9.10.1 vs 9.10.2): same shape, distinct types.
  const serverAdapter = adapter as unknown as Parameters<typeof createBullBoard>[0]["serverAdapter"];
  createBullBoard({ queues: Object.values(queues).map((q) => new BullMQAdapter(q)), serverAdapter });
  return { router: adapter.getRouter() as RequestHandler, close: () => closeQueues(queues) };
}

export function mountQueueBoard(
  app: Express,
  opts: { redisUrl: string; authorize: (req: Request) => boolean | Promise<boolean>; basePath?: string },
): { close(): Promise<void> } {
  const basePath = opts.basePath ?? BOARD_PATH;
  let board: Promise<LoadedBoard> | undefined;
  const guard = async (req: Request, res: Response, next: NextFunction) => {
    let allowed = false;
    try {
      allowed = await opts.authorize(req);
    } catch {
      /* not authorised */
    }
    if (!allowed) {
      res.status(404).type("text/plain").send("Not found");
      return;
    }
    res.setHeader("Content-Security-Policy", BOARD_CSP);
    try {
      board ??= loadBoard(opts.redisUrl, basePath).catch((err: unknown) => {
        board = undefined; // the next request tries again
        throw err;
      });
      (await board).router(req, res, next);
    } catch (err) {
      next(err);
    }
  };
  app.use(basePath, guard);
  return {
    close: async () => {
      const loaded = board;
      board = undefined;
      if (loaded) await (await loaded.catch(() => null))?.close();
    },
  };
}
