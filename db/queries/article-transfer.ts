import "server-only";
import { canonicalLanguageTag } from "@/lib/language";
import { detectLanguage } from "@/lib/language-detect";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "@/lib/zod";
import { getDb } from "@/db";
import { articleRevisions, articles, auditEvents, claimEvents, claims, corrections, sources, type ImportedRevision, type NewClaim, type NewSource } from "@/db/schema";
import type { CorrectionChange } from "@/lib/corrections";
import type { SessionUser } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { CLAIMDESK_JSON_FORMAT, CLAIMDESK_JSON_VERSION } from "@/lib/export/json";
import { MAX_CLAIMDESK_JSON_BYTES, MAX_CLAIMDESK_JSON_LABEL } from "@/lib/import/claimdesk-file";
import type { PlacedClaim } from "@/lib/import/claimdesk-json";
import { ImportError, utf8ByteLength } from "@/lib/import/format";
import { runImportTask } from "@/lib/import/pool";
import type { TaskResult } from "@/lib/import/tasks";
import { parseInput } from "@/lib/validation";
import type { ClaimStatus } from "@/lib/verdicts";
import { hashText, importAppError } from "./articles";
import { getVerdictScale } from "./verdict-scale";

export { MAX_CLAIMDESK_JSON_BYTES } from "@/lib/import/claimdesk-file";
export { MAX_IMPORTED_CLAIMS } from "@/lib/import/claimdesk-json";

const inputSchema = z.object({
  text: z.string({ message: "Choose a Claimdesk JSON file to import." }).min(1, "The file is empty."),
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
 * claims named. The file's revision history (numbers, dates, notes) becomes
 * the article's, its authors kept as names only; only the last revision's
 * text is in the file. Written in one batch with a `created` event per claim
 * and an `imported` audit row for the article.
 */
export async function importClaimdeskJson({ actor, input }: { actor: SessionUser; input: unknown }): Promise<{ id: string }> {
  const { text } = parseInput(inputSchema, input, "import");
  // The cheap refusal first, so a file over the limit never reaches a worker.
  if (utf8ByteLength(text, MAX_CLAIMDESK_JSON_BYTES) > MAX_CLAIMDESK_JSON_BYTES) {
    throw new AppError("too_large:import", `The file is larger than ${MAX_CLAIMDESK_JSON_LABEL}. Export fewer claims (e.g. approved only) or split the article.`);
  }
  const scale = await getVerdictScale();
  let prepared: TaskResult<{ kind: "claimdesk-json"; text: string; verdictKeys: string[] }>;
  try {
    // JSON, zod, the document allow-list and anchoring: seconds for a 10 MB
    // file, so in the import worker with its time and memory limits.
    prepared = await runImportTask({ kind: "claimdesk-json", text, verdictKeys: scale.map((v) => v.key) });
  } catch (error) {
    if (error instanceof ImportError) throw importAppError(error);
    throw error;
  }
  const { file, docJson, plainText } = prepared;

  const db = await getDb();
  const now = new Date().toISOString();
  const articleId = randomUUID();
  const claimRows: NewClaim[] = [];
  const sourceRows: NewSource[] = [];
  const eventRows: (typeof claimEvents.$inferInsert)[] = [];
  const stored: Record<ClaimStatus, number> = { open: 0, in_review: 0, verdict_proposed: 0, approved: 0 };
  /** The file's claim ids → the new claims, so the corrections log names the claims of this copy. */
  const newIdOf = new Map<string, string>();
  for (const c of prepared.claims) {
    const { selectors } = c;
    const id = randomUUID();
    if (c.id) newIdOf.set(c.id, id);
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
          claimNumber: c.fileIndex + 1,
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
  }

  const said = (pick: (c: PlacedClaim) => string | null | undefined) =>
    [...new Set(prepared.claims.map(pick).filter((v): v is string => !!v))].slice(0, 50);
  const fileStatuses: Partial<Record<ClaimStatus, number>> = {};
  for (const c of prepared.claims) fileStatuses[c.status] = (fileStatuses[c.status] ?? 0) + 1;

  // The file's revision history becomes the article's: numbers, dates and
  // notes as the file gives them, the author's name kept as text only (no
  // account is the author: author_id stays empty). Only the last revision's
  // text is in the file; the earlier ones are listed without a text.
  const history = file.revisions?.length ? file.revisions : null;
  const currentRevision = history ? history.length : 1;
  const importedOf = (r: NonNullable<typeof history>[number], textInFile: boolean): ImportedRevision => ({ authorName: r.authorName, source: r.source, textInFile });
  const EMPTY_DOC = JSON.stringify({ type: "doc", content: [] });
  const earlierRevisions = history
    ? history.slice(0, -1).map((r) => ({
        articleId,
        number: r.number,
        content: sql`${EMPTY_DOC}`,
        plainText: "",
        textHash: hashText(""),
        authorId: null,
        note: r.note,
        createdAt: r.createdAt,
        imported: importedOf(r, false),
      }))
    : [];
  const last = history?.[history.length - 1];
  // The log is history, kept as the file says it, marked imported: nobody on this desk published
  // it, so no one is named as its publisher (the file's names are provenance in the audit row).
  const remap = (id: string | null) => (id ? (newIdOf.get(id) ?? null) : null);
  const correctionRows = prepared.corrections.map((c) => ({
    id: randomUUID(),
    articleId,
    kind: c.kind,
    note: c.note,
    status: "published" as const,
    imported: true,
    publishedAt: c.publishedAt,
    publishedBy: null,
    changes: c.changes.map((change): CorrectionChange =>
      change.type === "text" ? { ...change, claims: change.claims.map((x) => ({ ...x, claimId: remap(x.claimId) })) } : { ...change, claimId: remap(change.claimId) },
    ),
  }));

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
      // The file's language when it names a valid one (an earlier export), else detected from the text.
      language: (file.article.language ? canonicalLanguageTag(file.article.language) : null) ?? detectLanguage(plainText),
      // The worker's JSON text as is (lib/import/tasks.ts DocumentResult).
      content: sql`${docJson}`,
      plainText,
      textHash: hashText(plainText),
      importedBy: actor.id,
      // The insert trigger (migration 0006) writes this revision with the text; it takes the file's details below.
      currentRevision,
    }),
    ...chunk(earlierRevisions, 1000).map((rows) => db.insert(articleRevisions).values(rows)),
    ...(last
      ? [
          db
            .update(articleRevisions)
            .set({ note: last.note, createdAt: last.createdAt, authorId: null, imported: importedOf(last, true) })
            .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.number, currentRevision))),
        ]
      : []),
    ...chunk(claimRows, 500).map((rows) => db.insert(claims).values(rows)),
    ...chunk(sourceRows, 1000).map((rows) => db.insert(sources).values(rows)),
    ...chunk(eventRows, 1000).map((rows) => db.insert(claimEvents).values(rows)),
    ...chunk(correctionRows, 100).map((rows) => db.insert(corrections).values(rows)),
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
        revisions: currentRevision,
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
          corrections: prepared.corrections.length,
          correctionPublishedByNames: [...new Set(prepared.corrections.map((c) => c.publishedByName).filter((v): v is string => !!v))].slice(0, 50),
        },
      },
    }),
  ]);
  return { id: articleId };
}
