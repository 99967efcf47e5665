import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth";
import { getImportPool } from "@/lib/import/pool";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import article" };

export default async function ImportPage() {
  await requirePageUser("/articles/import");
  // Someone is about to import: have the parser workers loaded by then.
  getImportPool().warm();
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Import article</h1>
      <p className="mb-6 text-sm text-muted">
        Fetch an article from its web address (Claimdesk keeps the article and leaves out the site around it; you check the details before
        importing), paste it as plain text, Markdown or HTML, or upload a .txt, .md or .html file (up to 2 MB). Formatting is kept to headings,
        paragraphs, lists, quotes, emphasis and links; scripts, styles and embedded content are removed. To move a checked article between
        desks, upload its Claimdesk JSON export: the claims come with it, as work to review (approvals in a file do not count here).
      </p>
      <ImportForm />
    </div>
  );
}
