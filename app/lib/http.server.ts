/**
 * The app's HTTP answers for loaders and actions, in one style: throw a Response the route's error
 * boundary shows. Every hidden or missing thing answers the same 404 (no existence oracle).
 */

export function notFound(): never {
  throw new Response("Not Found", { status: 404, statusText: "Not Found" });
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

/** 400 with a message naming what was wrong (plain text). */
export function badRequest(message = "Bad Request"): never {
  throw new Response(message, { status: 400, statusText: "Bad Request", headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** 500 with a plain-text message: a fault on our side the user cannot fix (e.g. a damaged stored file). */
export function serverError(message = "Internal Server Error"): never {
  throw new Response(message, { status: 500, statusText: "Internal Server Error", headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** Throws `status` (404 unless given) when `condition` is falsy; narrows it otherwise. */
export function invariantResponse<T>(condition: T, status: 400 | 403 | 404 = 404, message?: string): asserts condition {
  if (condition) return;
  if (status === 403) forbidden();
  if (status === 400) badRequest(message);
  notFound();
}
