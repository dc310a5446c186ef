import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { getUser } from "~/lib/permissions.server";
import { clientIp, safeNext, signIn } from "~/lib/auth.server";
import { startUserSession } from "~/lib/session.server";
import { useLocale, useT } from "~/lib/i18n";
import { formatNumber, Ltr } from "~/lib/format";
import { DEMO_PASSWORD } from "../../core/config";

export const meta: MetaFunction = () => [{ title: "تسجيل الدخول · Sign in — أمانة" }];

const DEMO_EXAMPLES = [
  { email: "csb-admin@demo.local", role: "csb_admin" },
  { email: "csb-analyst@demo.local", role: "csb_analyst" },
  { email: "director@interior.demo.local", role: "entity_director" },
  { email: "reviewer@interior.demo.local", role: "entity_reviewer" },
  { email: "director@foreign-affairs.demo.local", role: "entity_director" },
] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const next = safeNext(new URL(request.url).searchParams.get("next"));
  if (user) return redirect(next);
  const demo = process.env.AMANAH_DEMO === "1";
  return json({ demo: demo ? { password: DEMO_PASSWORD, examples: DEMO_EXAMPLES } : null });
}

const SignInForm = z.object({
  email: z.string().trim().min(3).max(254).email(),
  password: z.string().min(1).max(1024),
  next: z.string().max(2000).optional(),
});

type ActionData =
  | { error: "invalid"; fields?: undefined }
  | { error: "throttledPair" | "throttledIp"; minutes: number; fields?: undefined }
  | { error?: undefined; fields: { email?: string; password?: string } };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = SignInForm.safeParse({
    email: form.get("email") ?? "",
    password: form.get("password") ?? "",
    next: form.get("next") ?? undefined,
  });
  if (!parsed.success) {
    const fields: { email?: string; password?: string } = {};
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === "email") fields.email = "emailRequired";
      if (issue.path[0] === "password") fields.password = "passwordRequired";
    }
    return json<ActionData>({ fields }, { status: 400 });
  }
  const result = await signIn(parsed.data.email, parsed.data.password, clientIp(context));
  if (!result.ok) {
    if (result.reason === "invalid") return json<ActionData>({ error: "invalid" }, { status: 401 });
    return json<ActionData>(
      { error: result.reason === "throttled_pair" ? "throttledPair" : "throttledIp", minutes: Math.ceil(result.retryAfterSec / 60) },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSec) } },
    );
  }
  const cookie = await startUserSession(request, result.user.id);
  return redirect(safeNext(parsed.data.next), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const t = useT("auth");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const locale = useLocale();
  return (
    <main id="main" className="login">
      <section className="card login-card">
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro")}</p>
        {actionData?.error && (
          <p role="alert" className="alert alert-error" data-testid="login-error">
            {t(actionData.error, { minutes: "minutes" in actionData ? formatNumber(actionData.minutes, locale) : "" })}
          </p>
        )}
        <Form method="post" noValidate className="form">
          <input type="hidden" name="next" value={params.get("next") ?? ""} />
          <label className="field">
            <span>{t("email")}</span>
            <input name="email" type="email" autoComplete="username" dir="ltr" required aria-invalid={!!actionData?.fields?.email} />
            {actionData?.fields?.email && <span className="field-error">{t(actionData.fields.email)}</span>}
          </label>
          <label className="field">
            <span>{t("password")}</span>
            <input name="password" type="password" autoComplete="current-password" dir="ltr" required aria-invalid={!!actionData?.fields?.password} />
            {actionData?.fields?.password && <span className="field-error">{t(actionData.fields.password)}</span>}
          </label>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="login-submit">
            {t("submit")}
          </button>
        </Form>
      </section>
      {data.demo && <DemoLogins demo={data.demo} />}
    </main>
  );
}

function DemoLogins({ demo }: { demo: { password: string; examples: readonly { email: string; role: string }[] } }) {
  const t = useT("auth");
  const tc = useT("common");
  return (
    <aside className="card demo-card" data-testid="demo-logins">
      <h2>{t("demoTitle")}</h2>
      <p>
        {t("demoPassword")} <code><Ltr>{demo.password}</Ltr></code>
      </p>
      <ul className="plain-list">
        {demo.examples.map((e) => (
          <li key={e.email}>
            <code><Ltr>{e.email}</Ltr></code> — {tc(`role.${e.role}`)}
          </li>
        ))}
      </ul>
      <p className="muted small">{t("demoMore")}</p>
    </aside>
  );
}
