/**
 * `npm run --silent score`: JSON Lines on stdin → one JSON line per input line on stdout, same
 * order (design §5). Streams with back-pressure so memory stays flat over millions of lines;
 * nothing but results goes to stdout.
 */
import { StringDecoder } from "node:string_decoder";
import { processLine } from "../../core/scoring/cli-line";

const decoder = new StringDecoder("utf8");
let rest = "";
let out: string[] = [];
let outLen = 0;
const FLUSH_AT = 64 * 1024;

function emit(s: string): void {
  out.push(s);
  outLen += s.length + 1;
}

function flush(): boolean {
  if (out.length === 0) return true;
  const chunk = out.join("\n") + "\n";
  out = [];
  outLen = 0;
  return process.stdout.write(chunk);
}

function handle(line: string): void {
  if (line.endsWith("\r")) line = line.slice(0, -1);
  if (line.trim() === "") {
    emit(JSON.stringify({ id: null, error: "empty line: expected a JSON object" }));
    return;
  }
  emit(processLine(line));
}

process.stdin.on("data", (buf: Buffer) => {
  const s = rest + decoder.write(buf);
  let start = 0;
  for (let nl = s.indexOf("\n", start); nl !== -1; nl = s.indexOf("\n", start)) {
    handle(s.slice(start, nl));
    start = nl + 1;
    if (outLen >= FLUSH_AT && !flush()) {
      // Back-pressure: stop reading until stdout drains.
      process.stdin.pause();
      process.stdout.once("drain", () => process.stdin.resume());
    }
  }
  rest = s.slice(start);
});

process.stdin.on("end", () => {
  const last = rest + decoder.end();
  if (last.length > 0) handle(last); // final line without a trailing newline
  flush();
});

process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0); // reader went away
  process.stderr.write(`score: ${e.message}\n`);
  process.exit(1);
});
