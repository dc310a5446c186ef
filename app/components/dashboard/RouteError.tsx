/** Route-level error boundary: the shared error page, plus the 400 message (e.g. a bad filter). */
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/ErrorPage";
import { useT } from "~/lib/i18n";

export function RouteError() {
  const error = useRouteError();
  const t = useT("common");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  let message: string | null = null;
  if (isRouteErrorResponse(error) && status === 400) {
    const d = error.data as unknown;
    if (typeof d === "string") {
      try {
        message = (JSON.parse(d) as { error?: string }).error ?? d;
      } catch {
        message = d;
      }
    } else if (d && typeof d === "object" && "error" in d) message = String((d as { error: unknown }).error);
  }
  return (
    <>
      <ErrorPage status={status} t={t} />
      {message && (
        <p className="alert alert-error" role="alert" data-testid="error-message" style={{ maxInlineSize: 720, marginInline: "auto" }}>
          {message}
        </p>
      )}
    </>
  );
}

export { RouteError as ErrorBoundary };
