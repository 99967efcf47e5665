import type { JSONContent } from "@tiptap/core";
import { docPlainText } from "@/lib/article-text";
import { markCaptions } from "./captions";
import { checkArticleBody, ImportError, type ImportFormat } from "./format";
import { htmlToDocument } from "./html";
import { markdownToHtml } from "./markdown";
import { cleanDocument } from "./normalize";
import { textToDocument } from "./text";

export type { JSONContent as DocNode } from "@tiptap/core";
export { decodeUpload, detectFormat, ImportError, MAX_ARTICLE_BYTES, type ImportErrorCode, type ImportFormat } from "./format";

/**
 * An untrusted document → the article's TipTap JSON and plain text,
 * synchronously. The server never calls this on its event loop: it runs in
 * the import worker (`importDocument` in ./pool.ts), which bounds its time and
 * memory. Tests and benchmarks call it directly.
 */
export function toArticleDocument(input: { format: ImportFormat; body: string }): { doc: JSONContent; plainText: string } {
  const { format, body } = input;
  checkArticleBody(body);

  let parsed: JSONContent;
  switch (format) {
    case "text":
      parsed = markCaptions(textToDocument(body));
      break;
    case "markdown":
      // Only Markdown's own paragraphs are guessed at; a <figcaption> in it is a caption anyway.
      parsed = markCaptions(htmlToDocument(markdownToHtml(body)));
      break;
    case "html":
      parsed = htmlToDocument(body);
      break;
    default: {
      const unknown: never = format;
      throw new Error(`Unknown import format: ${String(unknown)}`);
    }
  }

  const doc = cleanDocument(parsed);
  if (!doc) throw new ImportError("empty");
  const plainText = docPlainText(doc);
  if (plainText.trim() === "") throw new ImportError("empty");
  return { doc, plainText };
}
