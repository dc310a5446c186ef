/** Fault injection settings: rates 0..1 per request, drawn from a seeded generator. */
import type { Platform } from "../types";

export interface FaultRates {
  /** 429 (or the platform's equivalent) with the platform's own reset signal, then enforced. */
  rateLimit: number;
  /** 5xx with the platform's error body. */
  serverError: number;
  /** Delay of slowMs before answering. */
  slow: number;
  /** Full Content-Length announced, half the body sent, socket closed. */
  cutBody: number;
  /** 200 whose JSON (or XML) is broken. */
  malformedJson: number;
  /** The platform's expired-token answer. */
  expiredToken: number;
  slowMs: number;
  /** Only these platforms get faults (all when absent). */
  platforms?: Platform[];
  /** Only requests whose path (e.g. /x/2/users/123) matches one of these regexes get faults (all when absent). */
  paths?: string[];
}

/** A change to the fault rates; null clears a filter. */
export type FaultPatch = Partial<Omit<FaultRates, "platforms" | "paths">> & { platforms?: Platform[] | null; paths?: string[] | null };

export const NO_FAULTS: FaultRates = { rateLimit: 0, serverError: 0, slow: 0, cutBody: 0, malformedJson: 0, expiredToken: 0, slowMs: 200 };

export type FaultKind = "rateLimit" | "serverError" | "cutBody" | "malformedJson" | "expiredToken";
const KINDS: FaultKind[] = ["rateLimit", "serverError", "cutBody", "malformedJson", "expiredToken"];

export function mergeFaults(cur: FaultRates, patch: unknown): FaultRates {
  if (typeof patch !== "object" || patch === null) throw new Error("faults must be a JSON object");
  const out: FaultRates = { ...cur };
  for (const [k, v] of Object.entries(patch)) {
    if (k === "platforms") {
      if (v === null) delete out.platforms;
      else if (Array.isArray(v)) out.platforms = v as Platform[];
      else throw new Error("platforms must be an array or null");
    } else if (k === "paths") {
      if (v === null) delete out.paths;
      else if (Array.isArray(v) && v.every((x) => typeof x === "string")) {
        for (const x of v) new RegExp(x); // throws on a bad pattern
        out.paths = v;
      } else throw new Error("paths must be an array of regex strings or null");
    } else if (k === "slowMs") {
      if (typeof v !== "number" || v < 0) throw new Error("slowMs must be a non-negative number");
      out.slowMs = v;
    } else if (k in NO_FAULTS) {
      if (typeof v !== "number" || v < 0 || v > 1) throw new Error(`${k} must be a rate between 0 and 1`);
      (out as unknown as Record<string, number>)[k] = v;
    } else throw new Error(`unknown fault "${k}"`);
  }
  return out;
}

/** One draw decides the fault of a request (rates stacked in a fixed order); slow is independent. */
export function drawFault(f: FaultRates, r: () => number, platform: Platform, path = ""): { kind: FaultKind | null; slow: boolean } {
  const x = r();
  const s = r();
  if (f.platforms && !f.platforms.includes(platform)) return { kind: null, slow: false };
  if (f.paths && !f.paths.some((p) => new RegExp(p).test(path))) return { kind: null, slow: false };
  let acc = 0;
  for (const k of KINDS) {
    acc += f[k];
    if (x < acc) return { kind: k, slow: s < f.slow };
  }
  return { kind: null, slow: s < f.slow };
}
