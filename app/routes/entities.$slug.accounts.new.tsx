import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireEntityEditor } from "~/lib/permissions.server";
import { createAccount, feedUrlError, findAccountByHandle } from "~/lib/registry.server";
import { AccountForm, fieldErrors, formObject, type FieldErrors } from "~/lib/registry-forms";
import { useT } from "~/lib/i18n";
import { AccountFields } from "~/components/AccountFields";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { entity } = await requireEntityEditor(request, params.slug ?? "");
  // Pre-filled from the impersonation review ("ours"): platform and handle only, checked by the form on save.
  const q = new URL(request.url).searchParams;
  const platform = q.get("platform");
  const handle = q.get("handle");
  const prefill = platform && handle && handle.length <= 200 && platform.length <= 20 ? { platform, handle } : null;
  return json({ slug: entity.slug, prefill });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, entity } = await requireEntityEditor(request, params.slug ?? "");
  const values = formObject(await request.formData());
  const parsed = AccountForm.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const feed = await feedUrlError(parsed.data.platform, parsed.data.handle);
  if (feed) return json({ errors: { handle: feed } as FieldErrors, values }, { status: 400 });
  if (findAccountByHandle(parsed.data.platform, parsed.data.handle)) {
    return json({ errors: { handle: "errors.duplicate" } as FieldErrors, values }, { status: 400 });
  }
  const account = createAccount(user, entity, parsed.data);
  return redirect(`/accounts/${account.id}/ownership`);
}

export default function NewAccount() {
  const { slug, prefill } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT("registry");
  const tc = useT("common");
  const v = data?.values;
  return (
    <section className="card stack">
      <h2>{t("accounts.new")}</h2>
      {data?.errors && <p className="alert alert-error" role="alert">{t("errors.fixFields")}</p>}
      <Form method="post" className="form" noValidate>
        <AccountFields
          errors={data?.errors}
          defaults={v ? { ...v, verificationRequested: v.verificationRequested === "on" } : (prefill ?? undefined)}
        />
        <div className="form-actions">
          <button className="btn btn-primary" type="submit">
            {tc("save")}
          </button>
          <Link to={`/entities/${slug}/accounts`}>{tc("cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
