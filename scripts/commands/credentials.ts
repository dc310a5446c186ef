/**
 * `npm run cli -- credentials set --platform x < creds.json` stores a platform's credentials sealed
 * (AES-256-GCM, key AMANAH_CREDENTIALS_KEY); `credentials list` shows which fields are set. Secrets
 * come on stdin so they never appear in argv or shell history, and are never printed.
 */
import type { Command } from "commander";
import { ZodError } from "zod";
import { credentialsKeyFromEnv } from "../../connectors/credentials";
import { closeDb, databasePath, openDb } from "../../db/client";
import { listCredentials, storeCredentials } from "../../db/credentials";
import { PLATFORMS, type Platform } from "../../core/enums";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

export function register(program: Command): void {
  const cmd = program.command("credentials").description("platform credentials, sealed at rest");
  cmd
    .command("set")
    .description("store credentials read as JSON from stdin, e.g. {\"bearerToken\":\"…\"}")
    .requiredOption("--platform <platform>", PLATFORMS.join("|"))
    .option("--label <label>", "name of this credential set", "default")
    .option("--db <path>", "SQLite file (default: DATABASE_URL or data/amanah.db)")
    .action(async (opts: { platform: string; label: string; db?: string }) => {
      if (!(PLATFORMS as readonly string[]).includes(opts.platform)) fail(`unknown platform "${opts.platform}"; use one of ${PLATFORMS.join(", ")}`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(await readStdin());
      } catch {
        fail("stdin is not a JSON object of credentials (e.g. {\"bearerToken\":\"…\"})");
      }
      const db = openDb(databasePath(opts.db ?? process.env.DATABASE_URL));
      try {
        const r = storeCredentials(db, { platform: opts.platform as Platform, label: opts.label, credentials: parsed as never, key: credentialsKeyFromEnv(), actor: "system:cli" });
        console.log(JSON.stringify({ platform: opts.platform, label: opts.label, id: r.id, created: r.created }));
      } catch (err) {
        fail(err instanceof ZodError ? `bad credentials: ${err.issues.map((i) => `${i.path.join(".") || "(object)"}: ${i.message}`).join("; ")}` : (err as Error).message);
      } finally {
        closeDb(db);
      }
    });
  cmd
    .command("list")
    .description("list stored credentials (fields only, never values)")
    .option("--db <path>", "SQLite file")
    .action((opts: { db?: string }) => {
      const db = openDb(databasePath(opts.db ?? process.env.DATABASE_URL));
      try {
        for (const row of listCredentials(db, credentialsKeyFromEnv())) console.log(JSON.stringify(row));
      } catch (err) {
        fail((err as Error).message);
      } finally {
        closeDb(db);
      }
    });
}
