/**
 * The bytes of an uploaded CSV file as text. Valid UTF-8 (with or without a byte-order mark) is
 * read as it is. Anything else is refused, naming the problem and the first line it is on, unless
 * the upload says its charset (a part's `Content-Type: text/csv; charset=windows-1256`, the form's
 * encoding choice, the CLI's --encoding): then it is decoded with that charset (WHATWG labels,
 * the ones TextDecoder knows). Never a silent U+FFFD: a wrongly read Arabic name would be stored.
 */

export type DecodeResult =
  | { ok: true; text: string; charset: string }
  | { ok: false; code: "encoding"; params: { line: number; detail: string; found: string } }
  | { ok: false; code: "charset"; params: { charset: string } };

/** The charset parameter of a media type ("text/csv; charset=windows-1256" → "windows-1256"). */
export function charsetOf(contentType: string | null | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? "");
  return m ? m[1].toLowerCase() : undefined;
}

/** Byte offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [need, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const x = b[i + k];
      if (x === undefined || (x & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (x & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

function lineAt(b: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (b[i] === 0x0a) line++;
  return line;
}

const hex = (b: Uint8Array, at: number, n = 4) =>
  Array.from(b.subarray(at, at + n))
    .map((x) => x.toString(16).toUpperCase().padStart(2, "0"))
    .join(" ");

export function decodeCsvBytes(bytes: Uint8Array, charset?: string): DecodeResult {
  const label = charset?.trim().toLowerCase();
  if (label && label !== "utf-8" && label !== "utf8") {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(label, { fatal: true, ignoreBOM: false });
    } catch {
      return { ok: false, code: "charset", params: { charset: label.slice(0, 60) } };
    }
    try {
      return { ok: true, text: decoder.decode(bytes), charset: decoder.encoding };
    } catch {
      return { ok: false, code: "encoding", params: { line: 1, detail: `not valid ${decoder.encoding}`, found: "" } };
    }
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const which = bytes[0] === 0xff ? "UTF-16LE" : "UTF-16BE";
    return { ok: false, code: "encoding", params: { line: 1, detail: `the file is ${which} (a UTF-16 byte-order mark), not UTF-8`, found: hex(bytes, 0, 2) } };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    return { ok: false, code: "encoding", params: { line: lineAt(bytes, bad), detail: `byte ${bad + 1} is not valid UTF-8`, found: hex(bytes, bad) } };
  }
  // fatal: false is safe here (the bytes were just checked); the BOM, if any, is dropped.
  return { ok: true, text: new TextDecoder("utf-8").decode(bytes), charset: "utf-8" };
}
