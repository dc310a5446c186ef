/**
 * Catch-all: unknown URLs answer 404 from a loader, so the root loader still runs and the error
 * page comes in the visitor's language with the app shell (a bare no-match skips root's loader).
 */
export async function loader(): Promise<never> {
  throw new Response("Not Found", { status: 404, statusText: "Not Found" });
}

export default function CatchAll() {
  return null;
}
