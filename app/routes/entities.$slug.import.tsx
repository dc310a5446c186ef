import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { requireEntityEditor } from "~/lib/permissions.server";
import { handleCsvUpload } from "~/lib/import-upload.server";
import { CsvImport } from "~/components/CsvImport";
import { useT } from "~/lib/i18n";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { entity } = await requireEntityEditor(request, params.slug ?? "");
  return json({ slug: entity.slug });
}

/** A director imports into their own entity (csb_admin into any): rows for other entities are refused. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, entity } = await requireEntityEditor(request, params.slug ?? "");
  return handleCsvUpload(request, user, entity.slug, context);
}

export default function EntityImport() {
  const answer = useActionData<typeof action>();
  const t = useT("registry");
  return (
    <section className="stack">
      <h2>{t("import.entityTitle")}</h2>
      <CsvImport answer={answer} scoped />
    </section>
  );
}
