import type { JSONContent } from "@tiptap/core";
import { docPlainText } from "@/lib/article-text";
import { ImportError, MAX_ARTICLE_BYTES, type ImportFormat } from "./format";
import { htmlToDocument } from "./html";
import { markdownToHtml } from "./markdown";
import { cleanDocument } from "./normalize";
import { textToDocument } from "./text";

export type { JSONContent as DocNode } from "@tiptap/core";
export { detectFormat, ImportError, MAX_ARTICLE_BYTES, type ImportErrorCode, type ImportFormat } from "./format";

function utf8ByteLength(text: string): number {
  // Every UTF-16 code unit is at least one UTF-8 byte and at most three, so
  // most inputs are decided without encoding them.
  if (text.length > MAX_ARTICLE_BYTES) return text.length;
  if (text.length * 3 <= MAX_ARTICLE_BYTES) return text.length;
  return new TextEncoder().encode(text).byteLength;
}

/** Bytes of an uploaded file → text. Only UTF-8 is accepted, with or without a BOM. */
export function decodeUpload(bytes: Uint8Array): string {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bytes.byteLength - (hasBom ? 3 : 0) > MAX_ARTICLE_BYTES) throw new ImportError("too_large");
  // Valid UTF-8 can contain NUL, but no article does: it means a binary file
  // (.docx, .pdf, an image, UTF-16 text) was given a text extension.
  if (bytes.includes(0)) throw new ImportError("unreadable");
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(hasBom ? bytes.subarray(3) : bytes);
  } catch {
    throw new ImportError("unreadable");
  }
}

export function toArticleDocument(input: { format: ImportFormat; body: string }): { doc: JSONContent; plainText: string } {
  const { format, body } = input;
  if (utf8ByteLength(body) > MAX_ARTICLE_BYTES) throw new ImportError("too_large");
  if (body.trim() === "") throw new ImportError("empty");

  let parsed: JSONContent;
  switch (format) {
    case "text":
      parsed = textToDocument(body);
      break;
    case "markdown":
      parsed = htmlToDocument(markdownToHtml(body));
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
