/**
 * Catch-all: unknown URLs answer 404 from a loader, so the root loader still runs and the error
 * page comes in the visitor's language with the app shell (a bare no-match skips root's loader).
 */
import { notFound } from "~/lib/http.server";

export async function loader(): Promise<never> {
  notFound();
}

export default function CatchAll() {
  return null;
}
