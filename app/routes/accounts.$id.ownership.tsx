import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CREDENTIAL_CUSTODY, TWO_FACTOR } from "../../core/enums";
import { canEditEntity } from "~/lib/permissions.server";
import { changeOwnership, currentOwner, ownerHistory, requireAccountAccess, requireAccountEditor } from "~/lib/registry.server";
import { OwnershipForm, fieldErrors, formObject } from "~/lib/registry-forms";
import { ownershipCompleteness } from "../../core/governance";
import { useLocale, useT, type TFn } from "~/lib/i18n";
import { Ltr, formatDate, formatDateTime } from "~/lib/format";
import { Field } from "~/components/Field";
import { Completeness } from "~/components/Completeness";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, account, entity } = await requireAccountAccess(request, params.id);
  const owner = currentOwner(account.id) ?? null;
  return json({
    accountId: account.id,
    owner,
    completeness: ownershipCompleteness(owner, account.class),
    history: ownerHistory(account.id),
    canEdit: canEditEntity(user, entity.id),
    saved: new URL(request.url).searchParams.get("saved"),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, account } = await requireAccountEditor(request, params.id);
  const values = formObject(await request.formData());
  if (values.intent === "attest") {
    changeOwnership(user, account, null, { attest: true });
    return redirect(`/accounts/${account.id}/ownership?saved=attested`);
  }
  const parsed = OwnershipForm.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const changed = changeOwnership(user, account, parsed.data);
  return redirect(`/accounts/${account.id}/ownership?saved=${changed ? "changed" : "unchanged"}`);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type OwnerJson = NonNullable<LoaderData["owner"]>;

function OwnerRecord({ owner, t, tc }: { owner: OwnerJson | null; t: TFn; tc: TFn }) {
  const locale = useLocale();
  const none = <span className="muted">{tc("none")}</span>;
  const email = (e: string | null) => (e ? <Ltr>{e}</Ltr> : none);
  return (
    <dl className="kv" data-testid="owner-record">
      <dt>{t("fields.custodianName")}</dt>
      <dd>{owner?.custodianName ?? none}</dd>
      <dt>{t("fields.custodianEmail")}</dt>
      <dd>{email(owner?.custodianEmail ?? null)}</dd>
      <dt>{t("fields.backupName")}</dt>
      <dd>{owner?.backupName ?? none}</dd>
      <dt>{t("fields.backupEmail")}</dt>
      <dd>{email(owner?.backupEmail ?? null)}</dd>
      <dt>{t("fields.credentialCustody")}</dt>
      <dd>{t(`custody.${owner?.credentialCustody ?? "unknown"}`)}</dd>
      <dt>{t("fields.twoFactor")}</dt>
      <dd>{t(`twoFactor.${owner?.twoFactor ?? "unknown"}`)}</dd>
      <dt>{t("fields.recoveryContact")}</dt>
      <dd>{email(owner?.recoveryContact ?? null)}</dd>
      <dt>{t("fields.attestedAt")}</dt>
      <dd>{owner?.attestedAt ? formatDate(owner.attestedAt, locale) : <span className="pill pill-warn">{t("ownership.neverAttested")}</span>}</dd>
    </dl>
  );
}

export default function Ownership() {
  const { owner, completeness, history, canEdit, saved } = useLoaderData<typeof loader>();
  const t = useT("registry");
  const tc = useT("common");
  const locale = useLocale();
  return (
    <div className="stack">
      {saved && <p className="alert alert-ok" role="status">{t(`ownership.saved.${saved}`, { defaultValue: "" })}</p>}
      <div className="grid-2">
        <section className="card stack">
          <div className="toolbar">
            <h2 style={{ margin: 0 }}>{t("ownership.current")}</h2>
            <Completeness met={completeness.met} total={completeness.total} locale={locale} />
          </div>
          <OwnerRecord owner={owner} t={t} tc={tc} />
          {canEdit && (
            <Form method="post">
              <input type="hidden" name="intent" value="attest" />
              <button type="submit" className="btn">{t("ownership.attestNow")}</button>
              <span className="muted small" style={{ marginInlineStart: "0.75rem" }}>{t("ownership.attestHint")}</span>
            </Form>
          )}
        </section>
        {canEdit && <ChangeOwnership owner={owner} />}
      </div>
      <OwnerHistory history={history} />
    </div>
  );
}

/** The form recording a new ownership record (prefilled with the current one, or the rejected input). */
function ChangeOwnership({ owner }: { owner: OwnerJson | null }) {
  const data = useActionData<typeof action>();
  const t = useT("registry");
  const tc = useT("common");
  const errors = data?.errors ?? {};
  const d = data?.values ?? owner ?? {};
  const val = (k: string) => ((d as Record<string, unknown>)[k] as string | null | undefined) ?? "";
  return (
    <section className="card stack">
      <h2>{t("ownership.change")}</h2>
      {data?.errors && <p className="alert alert-error" role="alert">{t("errors.fixFields")}</p>}
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="save" />
        <div className="form-grid">
          {(["custodianName", "custodianEmail", "backupName", "backupEmail", "recoveryContact"] as const).map((k) => (
            <Field key={k} label={t(`fields.${k}`)} name={k} error={errors[k]} t={t}>
              <input name={k} defaultValue={val(k)} dir={k.endsWith("Email") || k === "recoveryContact" ? "ltr" : undefined} aria-invalid={!!errors[k]} />
            </Field>
          ))}
          <Field label={t("fields.credentialCustody")} name="credentialCustody" error={errors.credentialCustody} t={t}>
            <select name="credentialCustody" defaultValue={val("credentialCustody") || "unknown"}>
              {CREDENTIAL_CUSTODY.map((c) => (
                <option key={c} value={c}>{t(`custody.${c}`)}</option>
              ))}
            </select>
          </Field>
          <Field label={t("fields.twoFactor")} name="twoFactor" error={errors.twoFactor} t={t}>
            <select name="twoFactor" defaultValue={val("twoFactor") || "unknown"}>
              {TWO_FACTOR.map((c) => (
                <option key={c} value={c}>{t(`twoFactor.${c}`)}</option>
              ))}
            </select>
          </Field>
          <Field label={t("fields.note")} name="note" error={errors.note} t={t}>
            <input name="note" defaultValue="" />
          </Field>
        </div>
        <p className="muted small">{t("ownership.historyHint")}</p>
        <div className="form-actions">
          <button className="btn btn-primary" type="submit">{tc("save")}</button>
        </div>
      </Form>
    </section>
  );
}

/** Every ownership record, newest first: the handover history. */
function OwnerHistory({ history }: { history: LoaderData["history"] }) {
  const t = useT("registry");
  const tc = useT("common");
  const locale = useLocale();
  return (
    <section className="stack">
      <h2>{t("ownership.history")}</h2>
      <div className="table-wrap">
        <table className="data" data-testid="owner-history">
          <thead>
            <tr>
              <th>{t("ownership.validFrom")}</th>
              <th>{t("ownership.validTo")}</th>
              <th>{t("fields.custodianName")}</th>
              <th>{t("fields.backupName")}</th>
              <th>{t("fields.twoFactor")}</th>
              <th>{t("fields.credentialCustody")}</th>
              <th>{t("fields.attestedAt")}</th>
              <th>{t("ownership.changedBy")}</th>
              <th>{t("fields.note")}</th>
            </tr>
          </thead>
          <tbody>
            {history.map(({ owner: h, changedByEmail }) => (
              <tr key={h.id}>
                <td>{formatDateTime(h.validFrom, locale)}</td>
                <td>{h.validTo ? formatDateTime(h.validTo, locale) : <span className="pill pill-ok">{t("ownership.currentRow")}</span>}</td>
                <td>{h.custodianName ?? tc("none")}</td>
                <td>{h.backupName ?? tc("none")}</td>
                <td>{t(`twoFactor.${h.twoFactor}`)}</td>
                <td>{t(`custody.${h.credentialCustody}`)}</td>
                <td>{h.attestedAt ? formatDate(h.attestedAt, locale) : tc("none")}</td>
                <td>{changedByEmail ? <Ltr>{changedByEmail}</Ltr> : <span className="muted">{t("ownership.system")}</span>}</td>
                <td>{h.note ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
