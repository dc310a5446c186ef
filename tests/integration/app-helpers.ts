/**
 * Calls Remix loaders/actions directly with real Request objects against a per-test SQLite file.
 * `signInAs` goes through the real login action and returns the session cookie.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { setDb } from "../../app/lib/db.server";
import type { Db } from "../../db/client";
import { DEMO_PASSWORD } from "../../core/config";
import { action as loginAction } from "../../app/routes/login";

export const BASE = "http://amanah.test";

export function useDb(db: Db): void {
  setDb(db);
}

export function get(path: string, cookie?: string, headers: Record<string, string> = {}): Request {
  return new Request(BASE + path, { headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers } });
}

export function post(path: string, form: Record<string, string> | FormData, cookie?: string, headers: Record<string, string> = {}): Request {
  const body = form instanceof FormData ? form : new URLSearchParams(form);
  return new Request(BASE + path, { method: "POST", body, headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers } });
}

type Fn = (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown;

/** Runs a loader/action; a thrown Response is returned (so tests can assert 404/403/redirects). */
export async function call(fn: unknown, request: Request, params: Record<string, string> = {}, context: Record<string, unknown> = {}): Promise<Response> {
  try {
    const out = await (fn as Fn)({ request, params, context } as LoaderFunctionArgs & ActionFunctionArgs);
    if (out instanceof Response) return out;
    return new Response(JSON.stringify(out), { headers: { "Content-Type": "application/json" } });
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

export function cookieFrom(res: Response): string {
  const set = res.headers.get("Set-Cookie");
  if (!set) throw new Error("no Set-Cookie");
  return set.split(";")[0];
}

export async function signInAs(email: string, password = DEMO_PASSWORD, ip = "10.0.0.1"): Promise<string> {
  const res = await call(loginAction, post("/login", { email, password }), {}, { clientIp: ip });
  if (res.status !== 302) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  return cookieFrom(res);
}
