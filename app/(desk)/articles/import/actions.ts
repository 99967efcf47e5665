"use server";

import { createArticle } from "@/db/queries/articles";
import { importClaimdeskJson } from "@/db/queries/article-transfer";
import { previewArticleFromUrl, type ArticlePreview } from "@/db/queries/url-import";
import { runAction } from "@/lib/action";
import type { ActionResult } from "@/lib/errors";
import { isClaimdeskJsonFile } from "@/lib/import/claimdesk-file";

export type ImportState = ActionResult<{ id: string }> | null;
export type PreviewState = ActionResult<ArticlePreview> | null;

/** "Fetch": the page's article and metadata for the user to check before importing (nothing is stored). */
export async function previewUrlAction(url: string): Promise<PreviewState> {
  return runAction((user) => previewArticleFromUrl({ actor: user, url }));
}

function readText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

export async function importArticleAction(_previous: ImportState, form: FormData): Promise<ImportState> {
  return runAction(async (user) => {
    const upload = form.get("file");
    // A Claimdesk JSON export brings its own title, details and claims (the domain checks its size and shape).
    if (upload instanceof File && upload.size > 0 && isClaimdeskJsonFile(upload.name)) {
      return importClaimdeskJson({ actor: user, input: { text: await upload.text() } });
    }
    const file =
      upload instanceof File && upload.size > 0 ? { name: upload.name, bytes: new Uint8Array(await upload.arrayBuffer()) } : undefined;
    return createArticle({
      actor: user,
      file,
      input: {
        title: readText(form, "title"),
        sourceUrl: readText(form, "sourceUrl"),
        publisher: readText(form, "publisher"),
        author: readText(form, "author"),
        publishedOn: readText(form, "publishedOn"),
        format: readText(form, "format"),
        body: readText(form, "body"),
      },
    });
  });
}
