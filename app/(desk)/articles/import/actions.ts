"use server";

import { createArticle } from "@/db/queries/articles";
import { runAction } from "@/lib/action";
import type { ActionResult } from "@/lib/errors";

export type ImportState = ActionResult<{ id: string }> | null;

function readText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

export async function importArticleAction(_previous: ImportState, form: FormData): Promise<ImportState> {
  return runAction(async (user) => {
    const upload = form.get("file");
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
