import { ACCOUNT_CLASSES, PLATFORMS, REGISTRY_STATUSES } from "../../core/enums";
import { useT } from "~/lib/i18n";
import { Field } from "./Field";

export interface AccountDefaults {
  platform?: string;
  handle?: string;
  class?: string;
  holderName?: string | null;
  holderTitle?: string | null;
  managedBy?: string | null;
  handoverPlan?: string | null;
  registryStatus?: string;
  verificationRequested?: boolean;
}

/** The account form's fields (create and edit share them). */
export function AccountFields({ defaults = {}, errors = {} }: { defaults?: AccountDefaults; errors?: Record<string, string> }) {
  const t = useT("registry");
  const tc = useT("common");
  return (
    <div className="form-grid">
      <Field label={t("fields.platform")} name="platform" error={errors.platform} t={t}>
        <select name="platform" defaultValue={defaults.platform ?? "x"} aria-invalid={!!errors.platform}>
          {PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {tc(`platform.${p}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("fields.handle")} name="handle" error={errors.handle} t={t} hint={t("hints.handle")}>
        <input name="handle" dir="ltr" defaultValue={defaults.handle ?? ""} required aria-invalid={!!errors.handle} />
      </Field>
      <Field label={t("fields.class")} name="class" error={errors.class} t={t}>
        <select name="class" defaultValue={defaults.class ?? "official"} aria-invalid={!!errors.class}>
          {ACCOUNT_CLASSES.map((c) => (
            <option key={c} value={c}>
              {tc(`class.${c}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("fields.registryStatus")} name="registryStatus" error={errors.registryStatus} t={t}>
        <select name="registryStatus" defaultValue={defaults.registryStatus ?? "registered"}>
          {REGISTRY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {tc(`registryStatus.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("fields.holderName")} name="holderName" error={errors.holderName} t={t} hint={t("hints.holder")}>
        <input name="holderName" defaultValue={defaults.holderName ?? ""} aria-invalid={!!errors.holderName} />
      </Field>
      <Field label={t("fields.holderTitle")} name="holderTitle" error={errors.holderTitle} t={t}>
        <input name="holderTitle" defaultValue={defaults.holderTitle ?? ""} />
      </Field>
      <Field label={t("fields.managedBy")} name="managedBy" error={errors.managedBy} t={t}>
        <input name="managedBy" defaultValue={defaults.managedBy ?? ""} />
      </Field>
      <Field label={t("fields.handoverPlan")} name="handoverPlan" error={errors.handoverPlan} t={t}>
        <input name="handoverPlan" defaultValue={defaults.handoverPlan ?? ""} />
      </Field>
      <label className="field" style={{ alignSelf: "end" }}>
        <span>
          <input type="checkbox" name="verificationRequested" defaultChecked={defaults.verificationRequested ?? false} /> {t("fields.verificationRequested")}
        </span>
      </label>
    </div>
  );
}
