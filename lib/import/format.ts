/**
 * The light half of the importer: no parsers, so an upload form in the browser
 * can check the file name and size before sending anything.
 */

export type ImportFormat = "text" | "markdown" | "html";

export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

export type ImportErrorCode = "empty" | "too_large" | "unreadable";

const MESSAGES: Record<ImportErrorCode, string> = {
  empty:
    "This file has no article text in it. Check that you chose the right file, then upload it again.",
  too_large:
    "This file is larger than the 2 MB limit. Save only the article text (without images or other pages) and upload it again.",
  unreadable:
    "This file cannot be read as text. Save the article as a UTF-8 .txt, .md or .html file (not a Word document or PDF) and upload it again.",
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
