/**
 * `npm run cli -- <command>`: one commander program; each file in scripts/commands/ exports
 * `register(program)` and adds its own subcommand, so engineers add commands without touching this.
 */
import { Command } from "commander";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface CliCommandModule {
  register(program: Command): void;
}

const COMMANDS_DIR = join(dirname(fileURLToPath(import.meta.url)), "commands");

export async function buildProgram(): Promise<Command> {
  const program = new Command("amanah").description("Amanah command-line tools").showHelpAfterError();
  const files = readdirSync(COMMANDS_DIR)
    .filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith(".d.ts") && !f.includes(".test."))
    .sort();
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(COMMANDS_DIR, file)).href)) as Partial<CliCommandModule>;
    if (typeof mod.register === "function") mod.register(program);
  }
  return program;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const program = await buildProgram();
  await program.parseAsync(process.argv);
}
