/**
 * Validates JSON against atproto Lexicon schemas (the official files in the shared reference), by
 * converting each def to JSON Schema for ajv. Lexicon rules kept: required and nullable fields,
 * unions by `$type` (open unless `closed`), string formats, `maxLength` in UTF-8 bytes and
 * `maxGraphemes`, array bounds, blobs. A `ref` to a Lexicon not in the reference set is recorded in
 * `unresolved` and accepts anything (the sandbox must not use such types; tests check it).
 */
import Ajv, { type ErrorObject } from "ajv";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

type Lex = Record<string, unknown> & { type?: string };

const FORMATS: Record<string, RegExp> = {
  did: /^did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]$/,
  handle: /^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/,
  "at-identifier": /^(did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]|([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)$/,
  "at-uri": /^at:\/\/(did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]|[a-zA-Z0-9.-]+)(\/[a-zA-Z0-9.-]+(\/[a-zA-Z0-9._~:@!$&'()*+,;=-]+)?)?$/,
  cid: /^[a-zA-Z0-9+=]{8,256}$/,
  // RFC 3339 with a timezone, as the Lexicon datetime format requires.
  datetime: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/,
  uri: /^[a-z][a-z0-9+.-]*:[^\s]+$/i,
  language: /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]+)*$/,
  nsid: /^[a-zA-Z]([a-zA-Z0-9-]*\.)+[a-zA-Z][a-zA-Z0-9]*$/,
  tid: /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/,
  "record-key": /^[a-zA-Z0-9_~.:-]{1,512}$/,
};

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export class LexiconSet {
  readonly unresolved = new Set<string>();
  private readonly docs = new Map<string, Record<string, Lex>>();
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly definitions: Record<string, unknown> = {};

  constructor(dir: string) {
    for (const file of walk(dir)) {
      const doc = JSON.parse(readFileSync(file, "utf8")) as { id: string; defs: Record<string, Lex> };
      this.docs.set(doc.id, doc.defs);
    }
    for (const [f, re] of Object.entries(FORMATS)) this.ajv.addFormat(f, re);
    this.ajv.addKeyword({ keyword: "lexMaxBytes", type: "string", validate: (max: number, s: string) => Buffer.byteLength(s, "utf8") <= max });
    this.ajv.addKeyword({ keyword: "lexMaxGraphemes", type: "string", validate: (max: number, s: string) => [...graphemes.segment(s)].length <= max });
    for (const [id, defs] of this.docs) for (const [name, def] of Object.entries(defs)) this.definitions[key(id, name)] = this.convert(id, def);
    this.ajv.addSchema({ $id: "lex", definitions: this.definitions });
  }

  /** Errors of `data` against a def (`app.bsky.feed.defs#postView`, or an NSID for its main def); [] when valid. */
  errors(ref: string, data: unknown): string[] {
    const [id, name = "main"] = ref.split("#");
    if (!this.docs.get(id)?.[name]) throw new Error(`no Lexicon def ${ref} in the reference set`);
    const v = this.ajv.getSchema(`lex#/definitions/${key(id, name)}`)!;
    return v(data) ? [] : (v.errors ?? []).slice(0, 5).map((e: ErrorObject) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
  }

  /** Whether a `$type` value (`nsid` or `nsid#name`) names a def of the reference set. */
  has(typeName: string): boolean {
    const [id, name = "main"] = typeName.split("#");
    return !!this.docs.get(id)?.[name];
  }

  private resolve(id: string, ref: string): { schema: unknown; typeName: string } {
    const [rid, rname] = ref.startsWith("#") ? [id, ref.slice(1)] : ref.includes("#") ? ref.split("#") : [ref, "main"];
    const typeName = rname === "main" ? rid : `${rid}#${rname}`;
    if (!this.docs.get(rid)?.[rname]) {
      this.unresolved.add(typeName);
      return { schema: {}, typeName };
    }
    return { schema: { $ref: `lex#/definitions/${key(rid, rname)}` }, typeName };
  }

  private convert(id: string, def: Lex): unknown {
    switch (def.type) {
      case "query":
      case "procedure": {
        const out = (def.output as { schema?: Lex } | undefined)?.schema;
        return out ? this.convert(id, out) : {};
      }
      case "record":
        return this.convert(id, def.record as Lex);
      case "object": {
        const props = (def.properties ?? {}) as Record<string, Lex>;
        const nullable = new Set((def.nullable as string[] | undefined) ?? []);
        const properties: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(props)) {
          const s = this.convert(id, v);
          properties[k] = nullable.has(k) ? { anyOf: [s, { type: "null" }] } : s;
        }
        return { type: "object", required: def.required ?? [], properties };
      }
      case "ref":
        return this.resolve(id, def.ref as string).schema;
      case "union": {
        const refs = (def.refs as string[]).map((r) => this.resolve(id, r));
        const branches = refs.map((r) => ({ if: { properties: { $type: { const: r.typeName } }, required: ["$type"] }, then: r.schema }));
        const closed = def.closed === true ? [{ properties: { $type: { enum: refs.map((r) => r.typeName) } } }] : [];
        return { type: "object", required: ["$type"], properties: { $type: { type: "string" } }, allOf: [...branches, ...closed] };
      }
      case "array":
        return {
          type: "array",
          items: this.convert(id, def.items as Lex),
          ...(def.maxLength !== undefined ? { maxItems: def.maxLength } : {}),
          ...(def.minLength !== undefined ? { minItems: def.minLength } : {}),
        };
      case "string":
        return {
          type: "string",
          ...(def.format ? { format: def.format } : {}),
          ...(def.enum ? { enum: def.enum } : {}),
          ...(def.const !== undefined ? { const: def.const } : {}),
          ...(def.maxLength !== undefined ? { lexMaxBytes: def.maxLength } : {}),
          ...(def.minLength !== undefined ? { minLength: def.minLength } : {}),
          ...(def.maxGraphemes !== undefined ? { lexMaxGraphemes: def.maxGraphemes } : {}),
        };
      case "integer":
        return {
          type: "integer",
          ...(def.minimum !== undefined ? { minimum: def.minimum } : {}),
          ...(def.maximum !== undefined ? { maximum: def.maximum } : {}),
          ...(def.enum ? { enum: def.enum } : {}),
          ...(def.const !== undefined ? { const: def.const } : {}),
        };
      case "boolean":
        return { type: "boolean", ...(def.const !== undefined ? { const: def.const } : {}) };
      case "blob":
        return {
          type: "object",
          required: ["$type", "ref", "mimeType", "size"],
          properties: { $type: { const: "blob" }, ref: { type: "object", required: ["$link"] }, mimeType: { type: "string" }, size: { type: "integer" } },
        };
      case "unknown":
        return { type: "object" };
      case "token":
      case "params":
      case "bytes":
      case "cid-link":
      default:
        return {};
    }
  }
}

function key(id: string, name: string): string {
  return `${id}__${name}`;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith(".json") ? [p] : [];
  });
}
