/**
 * React 18.3.1's Node stream renderer flushed its whole 2,048-byte buffer when a multi-byte
 * character did not fit at the end, leaving a NUL byte in the page next to Arabic text
 * (facebook/react#31134). patches/react-dom+18.3.1.patch flushes only the bytes written.
 */
import { PassThrough } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";

function streamed(node: ReturnType<typeof createElement>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on("data", (c: Buffer) => chunks.push(c));
    out.on("end", () => resolve(Buffer.concat(chunks)));
    const { pipe } = renderToPipeableStream(node, { onAllReady: () => pipe(out), onShellError: reject, onError: reject });
  });
}

describe("streamed HTML", () => {
  it("has no NUL byte where an Arabic letter straddles the stream buffer, at any offset", async () => {
    const arabic = "وزارة الصحة تعلن عن حملة التطعيم الموسمية في جميع المراكز الصحية ";
    for (let pad = 0; pad < 24; pad++) {
      // Many small text nodes, as a table of entity names renders.
      const rows = Array.from({ length: 120 }, (_, i) => createElement("li", { key: i }, `${"x".repeat(pad)}${arabic}${i}`));
      const node = createElement("ul", null, rows);
      const bytes = await streamed(node);
      expect(bytes.includes(0)).toBe(false);
      expect(bytes.toString("utf8")).toBe(renderToString(node));
    }
  });
});
