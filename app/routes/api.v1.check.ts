/**
 * POST /api/v1/check — the pre-publication check as JSON (token scope `check`). Body
 * `{"text","accountClass","kind"}` (and an optional `"id"` echoed back) → the score CLI's output
 * object of design §5 plus `"policyVersion"`. docs/api.md.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { apiError, apiJson, requireToken } from "~/lib/api.server";
import { apiBody, CheckInputError, countCheck, parseCheckInput, score } from "~/lib/check.server";
import { rateLimitHeaders } from "~/lib/rate-limit.server";
import { BodyTooLarge, readBodyText } from "~/lib/request-body.server";

/** 10,000 UTF-16 units of text are at most 60 kB of JSON (\uXXXX escapes): room to spare. */
const MAX_BODY = 128 * 1024;

export async function loader() {
  apiError(405, "use POST with a JSON body {\"text\", \"accountClass\", \"kind\"}", { Allow: "POST" });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") apiError(405, "use POST", { Allow: "POST" });
  const caller = await requireToken(request, "check");
  const headers = rateLimitHeaders(caller.limit);
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) apiError(400, `Content-Type: expected application/json, got ${type ? JSON.stringify(type.slice(0, 80)) : "none"}`, headers);
  let raw: string;
  try {
    raw = await readBodyText(request, MAX_BODY);
  } catch (e) {
    if (e instanceof BodyTooLarge) apiError(413, e.message, headers);
    throw e;
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (e) {
    apiError(400, `invalid JSON: ${(e as Error).message}`, headers);
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) apiError(400, 'expected a JSON object {"text", "accountClass", "kind"}', headers);
  let input;
  try {
    input = parseCheckInput(body as Record<string, unknown>);
  } catch (e) {
    if (e instanceof CheckInputError) apiError(400, e.message, headers);
    throw e;
  }
  const result = await score(caller.user, input);
  countCheck(caller.user, input, result, "api");
  return apiJson(await apiBody(input, result), 200, headers);
}
