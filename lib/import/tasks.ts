/**
 * What the import worker does with a message, and how its answer crosses the
 * thread boundary: results as plain data (structured clone), errors a user
 * should read (ImportError, AppError) as their code and message, so the main
 * thread throws the same error the parser did.
 */
import { AppError, type ErrorCode } from "@/lib/errors";
import { prepareClaimdeskImport, type PreparedClaimdeskImport } from "./claimdesk-json";
import { ImportError, type ImportErrorCode, type ImportFormat, type VersionFormat } from "./format";
import { sanitizeArticleHtml } from "./html";
import { toArticleDocument } from "./index";
import { extractWebPage, type WebPageMetadata } from "./web-page";
import { prepareExternalRevision, type ExternalRevisionResult } from "./external-revision";
import { applyTextSteps, type TextRevisionResult } from "./text-revision";
import type { ClaimAnchorInput } from "@/lib/anchoring/reanchor";
import { countWordChanges, wordDiff } from "@/lib/anchoring/word-diff";
import { diffPieces, type DiffPiece } from "@/lib/revision-diff";

export type ImportTask =
  | { kind: "document"; format: ImportFormat; body: string }
  | { kind: "claimdesk-json"; text: string; verdictKeys: string[] }
  /** A fetched web page (decoded) and the address that answered: its article, through the HTML importer. */
  | { kind: "web-page"; html: string; url: string }
  /** An editor's text edit: the stored document's JSON, the steps, the claims to re-anchor. */
  | { kind: "text-revision"; docJson: string; steps: unknown[]; claims: ClaimAnchorInput[] }
  /** A new version from outside: the untrusted document, the stored plain text, the claims to re-anchor through the diff. */
  | { kind: "external-revision"; format: VersionFormat; body: string; oldText: string; claims: ClaimAnchorInput[] }
  /**
   * Two stored revisions' plain texts: their word counts and (with `claims`,
   * the newer one's claims as UTF-16 ranges) the Revisions view's pieces,
   * folded, so only what the page shows crosses back to the event loop.
   */
  | { kind: "revision-diff"; oldText: string; newText: string; claims?: { start: number; end: number }[] }
  /** Tests only: keeps the worker busy (a stand-in for a parser that never ends). */
  | { kind: "spin"; ms: number }
  /** Tests only: allocates until the memory limit ends the worker. */
  | { kind: "allocate" };

/**
 * The document crosses the thread as its JSON text, which is what the
 * database stores: a structured clone of a 2 MB article's node tree costs the
 * main thread ~100 ms to rebuild (and the server would only stringify it
 * again), while a string is copied in one piece.
 */
export type DocumentResult = { docJson: string; plainText: string };

/**
 * The article found on a web page: its HTML as the HTML importer sanitised
 * it (what an import of this article stores, and what the import page sends
 * back on confirm), its plain text (for the preview) and the page's metadata.
 */
export type WebPageResult = { articleHtml: string; plainText: string; metadata: WebPageMetadata };

export type TaskResult<T extends ImportTask> = T extends { kind: "document" }
  ? DocumentResult
  : T extends { kind: "web-page" }
    ? WebPageResult
  : T extends { kind: "claimdesk-json" }
    ? Omit<PreparedClaimdeskImport, "doc"> & { docJson: string }
    : T extends { kind: "text-revision" }
      ? TextRevisionResult
      : T extends { kind: "external-revision" }
        ? ExternalRevisionResult
        : T extends { kind: "revision-diff" }
          ? RevisionDiffResult
          : null;

/** What changed between two revisions, as the page shows it (empty without claims), and the counts of the Revisions list. */
export type RevisionDiffResult = { pieces: DiffPiece[]; words: { added: number; removed: number } };

export type SerializedError =
  | { kind: "import"; code: ImportErrorCode; message: string }
  | { kind: "app"; code: ErrorCode; message: string; fieldErrors?: Record<string, string> }
  | { kind: "internal"; name: string; message: string; stack?: string };

export type WorkerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: SerializedError };

export function runTask(task: ImportTask): unknown {
  switch (task.kind) {
    case "document": {
      const { doc, plainText } = toArticleDocument({ format: task.format, body: task.body });
      return { docJson: JSON.stringify(doc), plainText } satisfies DocumentResult;
    }
    case "web-page": {
      const { articleHtml, metadata } = extractWebPage({ html: task.html, url: task.url });
      const clean = sanitizeArticleHtml(articleHtml);
      // The same path, checks and limits as any HTML import (size, emptiness, schema).
      const { plainText } = toArticleDocument({ format: "html", body: clean });
      return { articleHtml: clean, plainText, metadata } satisfies WebPageResult;
    }
    case "claimdesk-json": {
      const { doc, ...prepared } = prepareClaimdeskImport(task.text, task.verdictKeys);
      return { ...prepared, docJson: JSON.stringify(doc) };
    }
    case "text-revision":
      return applyTextSteps(task);
    case "external-revision":
      return prepareExternalRevision(task);
    case "revision-diff": {
      const parts = wordDiff(task.oldText, task.newText);
      return { pieces: task.claims ? diffPieces(parts, task.claims) : [], words: countWordChanges(parts) } satisfies RevisionDiffResult;
    }
    case "spin": {
      const end = Date.now() + task.ms;
      while (Date.now() < end) {
        // Busy on purpose.
      }
      return null;
    }
    case "allocate": {
      const hoard: unknown[] = [];
      for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));
    }
  }
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof ImportError) return { kind: "import", code: error.code, message: error.message };
  if (error instanceof AppError) return { kind: "app", code: error.code, message: error.message, fieldErrors: error.fieldErrors };
  const e = error instanceof Error ? error : new Error(String(error));
  return { kind: "internal", name: e.name, message: e.message, stack: e.stack };
}

export function deserializeError(error: SerializedError): Error {
  switch (error.kind) {
    case "import":
      // An empty message means the importer's own wording for the code.
      return error.message ? new ImportError(error.code, error.message) : new ImportError(error.code);
    case "app":
      return new AppError(error.code, error.message, error.fieldErrors);
    case "internal": {
      // A bug in a parser (it is logged, and the user gets the generic error).
      const e = new Error(`Import worker: ${error.name}: ${error.message}`);
      if (error.stack) e.stack = `${e.message}\n--- in the worker ---\n${error.stack}`;
      return e;
    }
  }
}
