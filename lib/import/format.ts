/**
 * The light half of the importer: no parsers, so an upload form in the browser
 * can check the file name and size before sending anything.
 */

export type ImportFormat = "text" | "markdown" | "html";

/**
 * What a new version of an article may come as: an import's formats, or a
 * Claimdesk JSON export (its article document becomes the revision; its
 * claims are not brought in).
 */
export type VersionFormat = ImportFormat | "claimdesk-json";
export const VERSION_FORMATS = ["text", "markdown", "html", "claimdesk-json"] as const satisfies readonly VersionFormat[];

export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

export type ImportErrorCode = "empty" | "too_large" | "unreadable" | "too_complex" | "busy";

const MESSAGES: Record<ImportErrorCode, string> = {
  empty:
    "This file has no article text in it. Check that you chose the right file, then upload it again.",
  too_large:
    "This file is larger than the 2 MB limit. Save only the article text (without images or other pages) and upload it again.",
  unreadable:
    "This file cannot be read as text. Save the article as a UTF-8 .txt, .md or .html file (not a Word document or PDF) and upload it again.",
  too_complex:
    "This document is too complex to import: reading it took longer, or needed more memory, than the importer allows, so nothing was saved. Import the article as plain text (.txt), or remove long runs of repeated formatting (thousands of * or _ in a row, lists or quotes nested very deeply) and try again.",
  busy: "The importer is busy with other documents right now, so nothing was saved. Try again in a minute.",
};

export class ImportError extends Error {
  readonly code: ImportErrorCode;

  constructor(code: ImportErrorCode, message: string = MESSAGES[code]) {
    super(message);
    this.name = "ImportError";
    this.code = code;
  }
}

const EXTENSIONS: Record<string, ImportFormat> = {
  txt: "text",
  md: "markdown",
  markdown: "markdown",
  html: "html",
  htm: "html",
};

export function detectFormat(filename: string): ImportFormat | null {
  const match = /\.([^./\\]+)$/.exec(filename.trim());
  if (!match?.[1]) return null;
  return EXTENSIONS[match[1].toLowerCase()] ?? null;
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

/** UTF-8 length of `text`, without encoding it when the answer is clear either way. */
export function utf8ByteLength(text: string, limit = MAX_ARTICLE_BYTES): number {
  // Every UTF-16 code unit is at least one UTF-8 byte and at most three, so
  // most inputs are decided without encoding them.
  if (text.length > limit) return text.length;
  if (text.length * 3 <= limit) return text.length;
  return new TextEncoder().encode(text).byteLength;
}

/**
 * The checks that need no parser, run before a document is sent to the
 * import worker, so an empty or oversized body is refused at once.
 */
export function checkArticleBody(body: string): void {
  if (utf8ByteLength(body) > MAX_ARTICLE_BYTES) throw new ImportError("too_large");
  if (body.trim() === "") throw new ImportError("empty");
}
