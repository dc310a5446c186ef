import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { requireAdmin } from "~/lib/permissions.server";
import { handleCsvUpload } from "~/lib/import-upload.server";
import { CsvImport } from "~/components/CsvImport";
import { useT } from "~/lib/i18n";

export const meta: MetaFunction = () => [{ title: "استيراد الحسابات · Import accounts — أمانة" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({});
}

/** csb_admin: one file across entities (the entity column picks each row's entity). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  return handleCsvUpload(request, user, undefined, context);
}

export default function CsbImport() {
  const answer = useActionData<typeof action>();
  const t = useT("registry");
  return (
    <main id="main" className="stack">
      <h1>{t("import.csbTitle")}</h1>
      <CsvImport answer={answer} scoped={false} />
    </main>
  );
}
