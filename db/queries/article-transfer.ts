import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getDb } from "@/db";
import { articles, auditEvents, claimEvents, claims, sources, type NewClaim, type NewSource } from "@/db/schema";
import { anchor, createTextModel, describe } from "@/lib/anchoring";
import { docPlainText, type DocNode } from "@/lib/article-text";
import type { SessionUser } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { CLAIMDESK_JSON_FORMAT, CLAIMDESK_JSON_VERSION } from "@/lib/export/json";
import { MAX_ARTICLE_BYTES } from "@/lib/import";
import { MAX_CLAIMDESK_JSON_BYTES, MAX_CLAIMDESK_JSON_LABEL } from "@/lib/import/claimdesk-file";
import { cleanDocument } from "@/lib/import/normalize";
import { httpUrlSchema, isoDateSchema, parseInput } from "@/lib/validation";
import { CLAIM_STATUS_KEYS, SOURCE_STANCE_KEYS, type ClaimStatus } from "@/lib/verdicts";
import { MAX_QUOTE_LENGTH, MAX_SOURCES } from "@/lib/claims";
import { hashText } from "./articles";
import { getVerdictScale } from "./verdict-scale";

export { MAX_CLAIMDESK_JSON_BYTES } from "@/lib/import/claimdesk-file";
export const MAX_IMPORTED_CLAIMS = 10_000;

const inputSchema = z.object({
  text: z.string({ message: "Choose a Claimdesk JSON file to import." }).min(1, "The file is empty."),
});

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
    text: z.string().max(MAX_ARTICLE_BYTES),
    content: z.object({ type: z.literal("doc"), content: z.array(z.unknown()) }).loose(),
  }),
  claims: z.array(claimSchema).max(MAX_IMPORTED_CLAIMS, `A file can hold at most ${MAX_IMPORTED_CLAIMS} claims.`),
});

/**
 * An imported claim is work to review, whatever the file says: a verdict is
 * at most proposed (by the importer), a claim without one at most in review.
 * Approval only ever happens on this desk, through the approve action.
 */
export function importedStatus(fileStatus: ClaimStatus, verdict: string | null): ClaimStatus {
  if (fileStatus === "open" || fileStatus === "in_review") return fileStatus;
  return verdict ? "verdict_proposed" : "in_review";
}

function utf8Bytes(text: string): number {
  return text.length * 3 <= MAX_CLAIMDESK_JSON_BYTES ? text.length : new TextEncoder().encode(text).byteLength;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

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

/**
 * Re-imports a Claimdesk JSON export as a new article: same text and
 * document, same claims (quote, claim as checked, claimant, verdict,
 * rationale) and sources, all with new ids. The file carries no authority:
 * every claim is created by the importer and arrives as work to review
 * (`importedStatus`: never approved; a verdict is proposed by the importer),
 * and what the file said about people, dates and approval is kept only as
 * provenance in the audit record. The
 * document goes through the importer's allow-list again and every claim is
 * re-anchored to the resulting text; a claim that no longer matches it, or a
 * verdict the desk's scale does not have, rejects the whole file with the
 * claims named. Written in one batch with a `created` event per claim and an
 * `imported` audit row for the article.
 */
export async function importClaimdeskJson({ actor, input }: { actor: SessionUser; input: unknown }): Promise<{ id: string }> {
  const { text } = parseInput(inputSchema, input, "import");
  const file = parseClaimdeskJson(text);

  let doc: DocNode | null;
  try {
    doc = cleanDocument(file.article.content as Parameters<typeof cleanDocument>[0]) as DocNode | null;
  } catch {
    throw new AppError("bad_request:import", "The article document in this file is damaged: it is not a document this desk can show.");
  }
  if (!doc) throw new AppError("bad_request:import", "The article in this file has no text.");
  const plainText = docPlainText(doc);
  if (plainText.trim() === "") throw new AppError("bad_request:import", "The article in this file has no text.");

  const scale = await getVerdictScale();
  const known = new Set(scale.map((v) => v.key));
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

  const db = await getDb();
  const now = new Date().toISOString();
  const articleId = randomUUID();
  const claimRows: NewClaim[] = [];
  const sourceRows: NewSource[] = [];
  const eventRows: (typeof claimEvents.$inferInsert)[] = [];
  const stored: Record<ClaimStatus, number> = { open: 0, in_review: 0, verdict_proposed: 0, approved: 0 };
  file.claims.forEach((c, i) => {
    const result = placed[i];
    if (result?.status !== "anchored") return;
    const selectors = describe(model, result.range);
    const id = randomUUID();
    const status = importedStatus(c.status, c.verdict);
    stored[status]++;
    const proposed = status === "verdict_proposed";
    claimRows.push({
      id,
      articleId,
      quoteExact: selectors.quote.exact,
      quotePrefix: selectors.quote.prefix,
      quoteSuffix: selectors.quote.suffix,
      positionStart: selectors.position.start,
      positionEnd: selectors.position.end,
      claimAsChecked: c.claimAsChecked,
      claimant: c.claimant,
      verdict: c.verdict,
      rationale: c.rationale,
      status,
      // The importer puts the verdict up for approval, so under the four-eyes
      // rule someone else must approve it; nothing in the file approves anything.
      proposedBy: proposed ? actor.id : null,
      proposedAt: proposed ? now : null,
      approvedBy: null,
      approvedAt: null,
      createdBy: actor.id,
      updatedBy: actor.id,
    });
    c.sources.forEach((s, position) => sourceRows.push({ id: randomUUID(), claimId: id, position, ...s }));
    eventRows.push({
      claimId: id,
      articleId,
      actorId: actor.id,
      type: "created",
      version: 1,
      data: {
        quote: selectors.quote.exact,
        position: selectors.position,
        claimAsChecked: c.claimAsChecked,
        status,
        importedFrom: {
          format: CLAIMDESK_JSON_FORMAT,
          articleId: file.article.id ?? null,
          claimNumber: i + 1,
          // Unverified: whoever had the file could have written anything here.
          fileSaid: {
            status: c.status,
            verdict: c.verdict,
            createdAt: c.createdAt ?? null,
            createdByName: c.createdByName ?? null,
            updatedAt: c.updatedAt ?? null,
            approvedAt: c.approvedAt ?? null,
            approvedByName: c.approvedByName ?? null,
          },
        },
      },
    });
  });

  const said = (pick: (c: (typeof file.claims)[number]) => string | null | undefined) =>
    [...new Set(file.claims.map(pick).filter((v): v is string => !!v))].slice(0, 50);
  const fileStatuses: Partial<Record<ClaimStatus, number>> = {};
  for (const c of file.claims) fileStatuses[c.status] = (fileStatuses[c.status] ?? 0) + 1;

  // Multi-row INSERTs in chunks keep each statement under SQLite's variable limit.
  const chunk = <T>(rows: T[], size: number) => Array.from({ length: Math.ceil(rows.length / size) }, (_, k) => rows.slice(k * size, (k + 1) * size));
  await db.batch([
    db.insert(articles).values({
      id: articleId,
      title: file.article.title,
      sourceUrl: file.article.sourceUrl,
      publisher: file.article.publisher,
      author: file.article.author,
      publishedOn: file.article.publishedOn,
      content: doc,
      plainText,
      textHash: hashText(plainText),
      importedBy: actor.id,
    }),
    ...chunk(claimRows, 500).map((rows) => db.insert(claims).values(rows)),
    ...chunk(sourceRows, 1000).map((rows) => db.insert(sources).values(rows)),
    ...chunk(eventRows, 1000).map((rows) => db.insert(claimEvents).values(rows)),
    db.insert(auditEvents).values({
      entityType: "article",
      entityId: articleId,
      actorId: actor.id,
      type: "imported",
      data: {
        format: CLAIMDESK_JSON_FORMAT,
        version: CLAIMDESK_JSON_VERSION,
        originalId: file.article.id ?? null,
        claims: claimRows.length,
        /** What this desk stored: work to review, by the importer. */
        storedStatuses: stored,
        /** Unverified provenance: what the file claimed about people, dates and approval. */
        fileSaid: {
          exportedAt: file.exportedAt ?? null,
          scope: file.scope ?? null,
          organization: file.organization?.name ?? null,
          statuses: fileStatuses,
          createdByNames: said((c) => c.createdByName),
          approvedByNames: said((c) => c.approvedByName),
        },
      },
    }),
  ]);
  return { id: articleId };
}
