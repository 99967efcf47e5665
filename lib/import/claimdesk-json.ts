/**
 * Reading a Claimdesk JSON export, the untrusted half of re-import: size,
 * JSON, zod, the importer's allow-list over the document, the verdicts
 * against the desk's scale, and every claim re-anchored to the article text.
 * Framework-free and synchronous; the server runs it in the import worker
 * (./pool.ts), since a 10 MB file is seconds of parsing and anchoring. What
 * it returns is ready to store (db/queries/article-transfer.ts).
 */
import { z } from "@/lib/zod";
import { anchor, createTextModel, describe, type ClaimSelectors } from "@/lib/anchoring";
import { docPlainText, type DocNode } from "@/lib/article-text";
import { MAX_QUOTE_LENGTH, MAX_SOURCES } from "@/lib/claims";
import { AppError } from "@/lib/errors";
import { CLAIMDESK_JSON_FORMAT, CLAIMDESK_JSON_VERSION } from "@/lib/export/json";
import { httpUrlSchema, isoDateSchema, parseInput } from "@/lib/validation";
import { CLAIM_STATUS_KEYS, SOURCE_STANCE_KEYS } from "@/lib/verdicts";
import { MAX_CLAIMDESK_JSON_BYTES, MAX_CLAIMDESK_JSON_LABEL } from "./claimdesk-file";
import { correctionChangeSchema, correctionKindSchema, correctionNoteSchema, MAX_CORRECTION_CHANGES } from "@/lib/corrections";
import { MAX_ARTICLE_BYTES } from "./format";
import { cleanDocument } from "./normalize";

export const MAX_IMPORTED_CLAIMS = 10_000;
export const MAX_IMPORTED_REVISIONS = 10_000;

const nullableText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max} characters.`)
    .nullish()
    .transform((v) => (v ? v : null));

const timestamp = z.string().max(40).nullish();

const sourceSchema = z.object({
  url: httpUrlSchema,
  title: z.string().trim().max(500).default(""),
  publisher: z.string().trim().max(200).default(""),
  excerpt: z.string().max(10_000).default(""),
  stance: z.enum(SOURCE_STANCE_KEYS).default("context"),
  accessedOn: z.union([isoDateSchema, z.literal("")]).nullish().transform((v) => v || null),
});

const claimSchema = z.object({
  /** The claim's id on the exporting desk: only to connect the corrections log to the new claims. */
  id: z.string().max(100).optional().catch(undefined),
  quote: z.object({
    exact: z.string().min(1, "A claim has no quoted text.").max(MAX_QUOTE_LENGTH),
    prefix: z.string().max(1000).default(""),
    suffix: z.string().max(1000).default(""),
  }),
  position: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }),
  claimAsChecked: z.string().trim().min(1, "A claim has no “claim as checked”.").max(5000),
  claimant: z.string().trim().max(300).default(""),
  verdict: z.string().min(1).max(64).nullable(),
  rationale: z.string().max(50_000).default(""),
  status: z.enum(CLAIM_STATUS_KEYS, { message: "A claim has an unknown status." }),
  createdAt: timestamp,
  updatedAt: timestamp,
  createdByName: z.string().max(300).nullish(),
  approvedAt: timestamp,
  approvedByName: z.string().max(300).nullish(),
  sources: z.array(sourceSchema).max(MAX_SOURCES).default([]),
});

/**
 * One entry of the file's revision history. Its author is a name, kept as
 * text: never matched to an account of this desk.
 */
const revisionSchema = z.object({
  number: z.number({ message: "A revision has no number." }).int().positive(),
  createdAt: z
    .string({ message: "A revision has no date." })
    .max(40)
    .refine((v) => !Number.isNaN(Date.parse(v)), "A revision's date is not a date.")
    .transform((v) => new Date(v).toISOString()),
  authorName: z.string().trim().max(300).nullish().transform((v) => v || null),
  note: z.string().trim().max(1000, "A revision's note is longer than 1,000 characters.").default(""),
  source: z.enum(["import", "editor", "outside"], { message: "A revision's source is not “import”, “editor” or “outside”." }),
});

const revisionsSchema = z
  .array(revisionSchema)
  .max(MAX_IMPORTED_REVISIONS, `A file can hold at most ${MAX_IMPORTED_REVISIONS} revisions.`)
  .refine((list) => list.every((r, i) => r.number === i + 1), "The file's revisions are not numbered 1, 2, 3… in order.");

export const MAX_IMPORTED_CORRECTIONS = 500;

const fileCorrectionSchema = z.object({
  kind: correctionKindSchema,
  note: correctionNoteSchema,
  publishedAt: z.string().min(1).max(40),
  /** Unverified: kept only as provenance in the import's audit row. */
  publishedByName: z.string().max(300).nullish(),
  changes: z.array(correctionChangeSchema).max(MAX_CORRECTION_CHANGES).default([]),
});

const fileSchema = z.object({
  format: z.literal(CLAIMDESK_JSON_FORMAT),
  version: z.literal(CLAIMDESK_JSON_VERSION),
  exportedAt: timestamp,
  scope: z.enum(["all", "approved"]).optional(),
  organization: z.object({ name: z.string().max(300) }).loose().optional().catch(undefined),
  article: z.object({
    id: z.string().max(100).optional(),
    title: z.string().trim().min(1, "The article has no title.").max(300, "Keep the title under 300 characters."),
    sourceUrl: z.union([z.literal("").transform(() => null), httpUrlSchema]).nullish().transform((v) => v ?? null),
    publisher: nullableText(200),
    author: nullableText(200),
    publishedOn: z.union([z.literal("").transform(() => null), isoDateSchema]).nullish().transform((v) => v ?? null),
    /** BCP 47; checked on the server's thread (db/queries/article-transfer.ts), detected from the text when absent. */
    language: z.string().max(35).optional().catch(undefined),
    text: z.string().max(MAX_ARTICLE_BYTES),
    content: z.object({ type: z.literal("doc"), content: z.array(z.unknown()) }).loose(),
  }),
  /** Absent from files exported before revisions existed. The last entry is the article's text above. */
  revisions: revisionsSchema.optional(),
  claims: z.array(claimSchema).max(MAX_IMPORTED_CLAIMS, `A file can hold at most ${MAX_IMPORTED_CLAIMS} claims.`),
  /** The published corrections log (files before it existed have none). */
  corrections: z.array(fileCorrectionSchema).max(MAX_IMPORTED_CORRECTIONS, `A file can hold at most ${MAX_IMPORTED_CORRECTIONS} corrections.`).default([]),
});

function utf8Bytes(text: string): number {
  return text.length * 3 <= MAX_CLAIMDESK_JSON_BYTES ? text.length : new TextEncoder().encode(text).byteLength;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The file's article document through the importer's allow-list, and its plain text. */
function fileDocument(file: ClaimdeskFile): { doc: DocNode; plainText: string } {
  let doc: DocNode | null;
  try {
    doc = cleanDocument(file.article.content as Parameters<typeof cleanDocument>[0]) as DocNode | null;
  } catch {
    throw new AppError("bad_request:import", "The article document in this file is damaged: it is not a document this desk can show.");
  }
  if (!doc) throw new AppError("bad_request:import", "The article in this file has no text.");
  const plainText = docPlainText(doc);
  if (plainText.trim() === "") throw new AppError("bad_request:import", "The article in this file has no text.");
  return { doc, plainText };
}

/**
 * A Claimdesk JSON export brought in as a new version of an article: the
 * whole file is validated as for an import (size, JSON, shape), and only its
 * article document is used. Its claims, verdicts and history are not (the
 * article's own claims follow the text); `claims` says how many were left out.
 */
export function claimdeskVersionDocument(text: string): { doc: DocNode; plainText: string; claims: number } {
  const file = parseClaimdeskJson(text);
  return { ...fileDocument(file), claims: file.claims.length };
}

/** Parses and validates a Claimdesk JSON export; throws a readable AppError otherwise. */
export function parseClaimdeskJson(text: string) {
  if (utf8Bytes(text) > MAX_CLAIMDESK_JSON_BYTES) {
    throw new AppError("too_large:import", `The file is larger than ${MAX_CLAIMDESK_JSON_LABEL}. Export fewer claims (e.g. approved only) or split the article.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new AppError("bad_request:import", "This file is not valid JSON. Choose a file exported from Claimdesk as “JSON”.");
  }
  const head = data as { format?: unknown; version?: unknown } | null;
  if (!head || typeof head !== "object" || head.format !== CLAIMDESK_JSON_FORMAT) {
    throw new AppError("bad_request:import", "This is not a Claimdesk JSON export (its “format” is not “claimdesk-article”).");
  }
  if (head.version !== CLAIMDESK_JSON_VERSION) {
    throw new AppError("bad_request:import", `This Claimdesk JSON is version ${String(head.version)}; this desk reads version ${CLAIMDESK_JSON_VERSION}.`);
  }
  return parseInput(fileSchema, data, "import");
}

export type ClaimdeskFile = z.output<typeof fileSchema>;
export type FileClaim = ClaimdeskFile["claims"][number];

/** A claim of the file, placed on the article text: fresh selectors instead of the file's. */
export type PlacedClaim = Omit<FileClaim, "quote" | "position"> & { fileIndex: number; selectors: ClaimSelectors };

export type PreparedClaimdeskImport = {
  file: Omit<ClaimdeskFile, "claims" | "article" | "corrections"> & { article: Omit<ClaimdeskFile["article"], "content" | "text"> };
  /** The file's corrections log as it says, for the importer to store marked imported. */
  corrections: ClaimdeskFile["corrections"];
  doc: DocNode;
  plainText: string;
  claims: PlacedClaim[];
};

/**
 * Validates the file and places its claims; throws a readable AppError
 * (`bad_request:import`, `too_large:import`) naming what is wrong otherwise.
 * `verdictKeys` is the desk's scale: a verdict it does not have refuses the file.
 */
export function prepareClaimdeskImport(text: string, verdictKeys: readonly string[]): PreparedClaimdeskImport {
  const file = parseClaimdeskJson(text);
  const { doc, plainText } = fileDocument(file);

  const known = new Set(verdictKeys);
  const unknown = [...new Set(file.claims.map((c) => c.verdict).filter((v): v is string => v !== null && !known.has(v)))];
  if (unknown.length) {
    throw new AppError(
      "bad_request:import",
      `This file uses ${plural(unknown.length, "verdict", "verdicts")} the desk's scale does not have: ${unknown.map((k) => `“${k}”`).join(", ")}. Ask an admin to add ${unknown.length === 1 ? "it" : "them"} to the scale, or change ${unknown.length === 1 ? "it" : "them"} in the file.`,
    );
  }

  const model = createTextModel(plainText);
  const placed = file.claims.map((c) =>
    anchor(model, {
      quote: { type: "TextQuoteSelector", exact: c.quote.exact, prefix: c.quote.prefix, suffix: c.quote.suffix },
      position: { type: "TextPositionSelector", start: c.position.start, end: c.position.end },
    }),
  );
  const lost = placed.flatMap((r, i) => (r.status === "orphan" ? [i + 1] : []));
  if (lost.length) {
    const shown = lost.slice(0, 10).join(", ") + (lost.length > 10 ? ", …" : "");
    throw new AppError(
      "bad_request:import",
      `${plural(lost.length, "claim", "claims")} (number ${shown} in the file) no longer match the article text in the file, so ${lost.length === 1 ? "it" : "they"} cannot be placed. Export the article again.`,
    );
  }

  const claims: PlacedClaim[] = [];
  file.claims.forEach((c, i) => {
    const result = placed[i];
    if (result?.status !== "anchored") return;
    // The file's own selectors are replaced by fresh ones on this text.
    const placedClaim: PlacedClaim & Partial<Pick<FileClaim, "quote" | "position">> = { ...c, fileIndex: i, selectors: describe(model, result.range) };
    delete placedClaim.quote;
    delete placedClaim.position;
    claims.push(placedClaim);
  });
  // Only what the database needs crosses back to the server's thread: not the
  // file's text and document, which `doc` and `plainText` replace.
  const { title, sourceUrl, publisher, author, publishedOn, id, language } = file.article;
  return {
    file: { format: file.format, version: file.version, exportedAt: file.exportedAt, scope: file.scope, organization: file.organization, revisions: file.revisions, article: { id, title, sourceUrl, publisher, author, publishedOn, language } },
    corrections: file.corrections,
    doc,
    plainText,
    claims,
  };
}
