import type { ReactNode } from "react";
import type { TFn } from "~/lib/i18n";

/** A labelled form control with its error (an i18n key) shown right under it. */
export function Field({ label, name, error, t, children, hint }: { label: string; name: string; error?: string; t: TFn; children: ReactNode; hint?: string }) {
  return (
    <label className="field" data-field={name}>
      <span>{label}</span>
      {children}
      {hint && <span className="muted small">{hint}</span>}
      {error && (
        <span className="field-error" role="alert" id={`${name}-error`}>
          {t(error)}
        </span>
      )}
    </label>
  );
}
