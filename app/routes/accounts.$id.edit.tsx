import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { feedUrlError, findAccountByHandle, requireAccountEditor, updateAccount } from "~/lib/registry.server";
import { AccountForm, fieldErrors, formObject, type FieldErrors } from "~/lib/registry-forms";
import { useT } from "~/lib/i18n";
import { AccountFields } from "~/components/AccountFields";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { account } = await requireAccountEditor(request, params.id);
  return json({ account });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, account } = await requireAccountEditor(request, params.id);
  const values = formObject(await request.formData());
  const parsed = AccountForm.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const feed = await feedUrlError(parsed.data.platform, parsed.data.handle);
  if (feed) return json({ errors: { handle: feed } as FieldErrors, values }, { status: 400 });
  const clash = findAccountByHandle(parsed.data.platform, parsed.data.handle);
  if (clash && clash.id !== account.id) return json({ errors: { handle: "errors.duplicate" } as FieldErrors, values }, { status: 400 });
  updateAccount(user, account, parsed.data);
  return redirect(`/accounts/${account.id}`);
}

export default function EditAccount() {
  const { account } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT("registry");
  const tc = useT("common");
  const v = data?.values;
  return (
    <section className="card stack">
      <h2>{t("account.edit")}</h2>
      {data?.errors && <p className="alert alert-error" role="alert">{t("errors.fixFields")}</p>}
      <Form method="post" className="form" noValidate>
        <AccountFields errors={data?.errors} defaults={v ? { ...v, verificationRequested: v.verificationRequested === "on" } : account} />
        <div className="form-actions">
          <button className="btn btn-primary" type="submit">
            {tc("save")}
          </button>
          <Link to={`/accounts/${account.id}`}>{tc("cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
