import "server-only";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { z } from "@/lib/zod";
import { getDb, type Db } from "@/db";
import { articleRevisions, articles, auditEvents, claimEvents, claims, users, type Claim } from "@/db/schema";
import { MAX_STEPS, type ClaimAnchorInput, type ClaimAnchorResult } from "@/lib/anchoring/reanchor";
import { createTextModel, describe } from "@/lib/anchoring";
import type { SessionUser } from "@/lib/auth";
import type { DocNode } from "@/lib/article-text";
import type { ClaimDto } from "@/lib/claims";
import { clip, MAX_TEXT_CHANGE_CLAIMS, type CorrectionChange } from "@/lib/corrections";
import { AppError } from "@/lib/errors";
import { externalRevisionShape, MAX_REVISION_NOTE_LENGTH, revisionNoteSchema } from "@/lib/import/article-input";
import { MAX_CLAIMDESK_JSON_BYTES, MAX_CLAIMDESK_JSON_LABEL } from "@/lib/import/claimdesk-file";
import { checkArticleBody, ImportError, utf8ByteLength } from "@/lib/import/format";
import { runImportTask } from "@/lib/import/pool";
import { parseInput } from "@/lib/validation";
import { isEditorRole, statusAfterTextChange } from "@/lib/workflow";
import { getClaim, listClaimsForArticle } from "./claims";
import { hashText, importAppError } from "./articles";
import { claimAt, guardedWrite, insertWhen } from "./guarded-write";
import { draftCorrectionStatements } from "./corrections";

/**
 * Text revisions of an article. An editor's edit arrives as the ProseMirror
 * steps the browser's editor made since the base revision; the server applies
 * them to its own copy of that revision (never taking the client's document),
 * maps every claim through them (lib/anchoring/reanchor.ts, in the import
 * worker), and writes the new revision, the articles row, each claim's anchor
 * and state, and the audit rows as one guarded write.
 */

export { MAX_STEPS };
/** The steps' JSON: a whole 2 MB article retyped fits, with room for marks. */
export const MAX_STEPS_CHARS = 8_000_000;
export const MAX_NOTE_LENGTH = MAX_REVISION_NOTE_LENGTH;

const NOW = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const author = alias(users, "author");

export const saveTextRevisionSchema = z.object({
  articleId: z.uuid({ message: "Not a valid article id." }),
  baseRevision: z.number({ message: "Say which revision the edit was made on." }).int().positive(),
  steps: z
    .array(z.record(z.string(), z.unknown()), { message: "The edit is not a list of editor steps." })
    .min(1, "There is no change to save.")
    .max(MAX_STEPS, `This edit has more than ${MAX_STEPS.toLocaleString("en-GB")} steps. Save your work in smaller parts.`)
    .refine((steps) => JSON.stringify(steps).length <= MAX_STEPS_CHARS, "This edit is too large to save at once. Save your work in smaller parts."),
  note: revisionNoteSchema,
});

export type RevisionInfo = { number: number; authorName: string | null; createdAt: string; note: string };

export type RevisionConflict = Extract<SaveTextRevisionResult, { status: "conflict" }>;

export type SaveTextRevisionResult =
  | {
      status: "saved";
      revision: RevisionInfo;
      content: DocNode;
      plainText: string;
      /** The live claims after re-anchoring, with their new selectors and states. */
      claims: ClaimDto[];
      counts: { unchanged: number; changed: number; orphaned: number };
      /** Each live claim's anchor in the new revision, as re-anchoring found it (state, method, code-point range). */
      anchors: ClaimAnchorResult[];
    }
  /** The article moved on since the edit began: nothing was written; the current text is shown beside the edit. */
  | { status: "conflict"; current: RevisionInfo & { content: DocNode; plainText: string } };

async function revisionInfo(db: Db, articleId: string, number: number) {
  const [row] = await db
    .select({ number: articleRevisions.number, authorName: author.name, createdAt: articleRevisions.createdAt, note: articleRevisions.note })
    .from(articleRevisions)
    .leftJoin(author, eq(author.id, articleRevisions.authorId))
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.number, number)));
  return row ?? { number, authorName: null, createdAt: "", note: "" };
}

const anchorInputOf = (c: Pick<Claim, "id" | "positionStart" | "positionEnd" | "quoteExact" | "quotePrefix" | "quoteSuffix">): ClaimAnchorInput => ({
  id: c.id,
  start: c.positionStart,
  end: c.positionEnd,
  exact: c.quoteExact,
  prefix: c.quotePrefix,
  suffix: c.quoteSuffix,
});

/** One claim's writes for the new revision, as a row of the JSON the batch's statements read. */
type ClaimPlan = {
  id: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  anchorState: string;
  recheckQuote: string | null;
  status: string;
  /** 1 when the claim's state or status moved: a new version, so an open form elsewhere sees the change. */
  bump: number;
  clearApproval: number;
};

/**
 * Saves an editor's text edit as the next revision. Editors and admins only.
 * Refused (AppError) when the steps do not apply, are too many or too large,
 * or leave the import allow-list; a base revision that is no longer current
 * is a conflict that writes nothing.
 */
export async function saveTextRevision({ actor, input }: { actor: SessionUser; input: unknown }): Promise<SaveTextRevisionResult> {
  if (!isEditorRole(actor.role)) throw new AppError("forbidden:article", "Only an editor or admin can change the article text.");
  const { articleId, baseRevision, steps, note } = parseInput(saveTextRevisionSchema, input, "article");
  return saveRevision({
    actor,
    articleId,
    baseRevision,
    note,
    steps,
    audit: { source: "editor" },
    compute: async (article, rows) =>
      runImportTask({ kind: "text-revision", docJson: JSON.stringify(article.content), steps, claims: rows.map(anchorInputOf) }),
    retryMessage: "The claims of this article kept changing while the text was saved. Nothing was saved; your edit is kept in this browser. Try again.",
  });
}

type StoredArticle = { id: string; content: unknown; plainText: string; currentRevision: number };
type ComputedRevision = { docJson: string; plainText: string; results: ClaimAnchorResult[]; words: { added: number; removed: number } };

/**
 * The one write of a new revision, whatever it came from (an editor's steps,
 * a version from outside): reads the article and its claims, lets `compute`
 * build the new document and re-anchor every claim (in the import worker),
 * then writes the revision row, the articles row, every claim's anchor for
 * the new revision, the claims' states (an approved claim whose words changed
 * leaves Approved, with the reason), their history and the audit row as one
 * guarded write. A base revision that is no longer current is a conflict.
 */
async function saveRevision({
  actor,
  articleId,
  baseRevision,
  note,
  steps,
  audit,
  compute,
  retryMessage,
}: {
  actor: SessionUser;
  articleId: string;
  baseRevision: number;
  note: string;
  /** The editor's steps, kept with the revision (claims made on it are mapped through them later); null for a version from outside. */
  steps: unknown[] | null;
  /** Where the text came from, for the audit row. */
  audit: Record<string, unknown>;
  compute: (article: StoredArticle, rows: Claim[]) => Promise<ComputedRevision>;
  retryMessage: string;
}): Promise<SaveTextRevisionResult> {
  const db = await getDb();

  // A claim write in between (someone approved a claim meanwhile) makes the guard fail without
  // touching the text; the revision is then re-planned on what is now stored.
  for (let attempt = 0; attempt < 3; attempt++) {
    const article = await db.query.articles.findFirst({
      where: eq(articles.id, articleId),
      columns: { id: true, content: true, plainText: true, currentRevision: true },
    });
    if (!article) throw new AppError("not_found:article");
    if (article.currentRevision !== baseRevision) return conflict(db, articleId);

    const rows = await db.select().from(claims).where(eq(claims.articleId, articleId));
    const { docJson, plainText, results, words } = await compute(article, rows);
    const revision = baseRevision + 1;
    const { plans, events, guarded, counts } = planRevision(rows, results, revision);

    const guard = sql`EXISTS (SELECT 1 FROM articles WHERE id = ${articleId} AND current_revision = ${baseRevision})
      AND (SELECT count(*) FROM claims WHERE article_id = ${articleId}) = ${rows.length}
      ${sql.join(guarded.map((g) => sql` AND EXISTS (SELECT 1 FROM claims WHERE id = ${g.id} AND version = ${g.version})`))}`;
    const { applied } = await guardedWrite(db, [
      {
        key: articleId,
        guard,
        statements: (ok) => [
          insertWhen(
            db,
            articleRevisions,
            { articleId, number: revision, content: sql`${docJson}`, plainText, textHash: hashText(plainText), steps: steps ? sql`${JSON.stringify(steps)}` : sql`NULL`, authorId: actor.id, note, wordsAdded: words.added, wordsRemoved: words.removed },
            ok,
          ),
          db
            .update(articles)
            .set({ content: sql`${docJson}`, plainText, textHash: hashText(plainText), currentRevision: revision, updatedAt: NOW })
            .where(and(eq(articles.id, articleId), ok)),
          db.run(sql`INSERT INTO claim_anchors (claim_id, article_id, revision, position_start, position_end, quote_exact, quote_prefix, quote_suffix, state, method)
            SELECT value->>'id', ${articleId}, ${revision}, value->>'start', value->>'end', value->>'exact', value->>'prefix', value->>'suffix', value->>'state', value->>'method'
            FROM json_each(${JSON.stringify(results)}) WHERE ${ok}`),
          db.run(sql`INSERT INTO claim_events (claim_id, article_id, actor_id, type, version, data)
            SELECT value->>'claimId', ${articleId}, ${actor.id}, value->>'type', value->>'version', value->>'data'
            FROM json_each(${JSON.stringify(events)}) WHERE ${ok}`),
          db.run(sql`UPDATE claims SET
              position_start = p.s, position_end = p.e, quote_exact = p.exact, quote_prefix = p.prefix, quote_suffix = p.suffix,
              anchor_state = p.anchor_state, recheck_quote = p.recheck_quote, status = p.status,
              approved_by = CASE WHEN p.clear_approval THEN NULL ELSE claims.approved_by END,
              approved_at = CASE WHEN p.clear_approval THEN NULL ELSE claims.approved_at END,
              version = claims.version + p.bump,
              updated_by = CASE WHEN p.bump THEN ${actor.id} ELSE claims.updated_by END,
              updated_at = CASE WHEN p.bump THEN ${NOW} ELSE claims.updated_at END
            FROM (SELECT value->>'id' AS id, value->>'start' AS s, value->>'end' AS e, value->>'exact' AS exact, value->>'prefix' AS prefix,
                    value->>'suffix' AS suffix, value->>'anchorState' AS anchor_state, value->>'recheckQuote' AS recheck_quote,
                    value->>'status' AS status, value->>'bump' AS bump, value->>'clearApproval' AS clear_approval
                  FROM json_each(${JSON.stringify(plans)})) AS p
            WHERE claims.id = p.id AND ${ok}`),
          insertWhen(
            db,
            auditEvents,
            { entityType: "article", entityId: articleId, actorId: actor.id, type: "text_revised", data: { revision, note, ...audit, ...counts } },
            ok,
          ),
          // A published fact-check whose text changed: the change goes into the corrections draft, in this transaction.
          ...draftCorrectionStatements(db, articleId, textCorrectionChange(rows, results, revision), ok),
        ],
      },
    ]);
    if (!applied.has(articleId)) continue;
    const live = new Set(rows.filter((r) => r.deletedAt === null).map((r) => r.id));
    return {
      status: "saved",
      revision: await revisionInfo(db, articleId, revision),
      content: JSON.parse(docJson) as DocNode,
      plainText,
      claims: await listClaimsForArticle({ articleId }),
      counts,
      anchors: results.filter((r) => live.has(r.id)),
    };
  }
  // Still moving after three tries: the text may have been saved by someone else.
  const now = await db.query.articles.findFirst({ where: eq(articles.id, articleId), columns: { currentRevision: true } });
  if (now && now.currentRevision !== baseRevision) return conflict(db, articleId);
  throw new AppError("unavailable:database", retryMessage);
}

/** The corrections-log record of a revision: its number and the live claims whose words it changed or removed. */
function textCorrectionChange(rows: Claim[], results: ClaimAnchorResult[], revision: number): CorrectionChange {
  const byId = new Map(results.map((r) => [r.id, r]));
  const affected: CorrectionChange & { type: "text" } = { type: "text", at: new Date().toISOString(), revision, claims: [] };
  let more = 0;
  for (const row of [...rows].sort((a, b) => a.positionStart - b.positionStart)) {
    const r = byId.get(row.id);
    if (!r || row.deletedAt !== null || r.state === "unchanged") continue;
    if (affected.claims.length >= MAX_TEXT_CHANGE_CLAIMS) {
      more++;
      continue;
    }
    affected.claims.push({ claimId: row.id, state: r.state, before: clip(row.quoteExact), after: r.state === "orphaned" ? "" : clip(r.exact) });
  }
  return more ? { ...affected, more } : affected;
}

/** What the re-anchoring results mean for each claim row: its new anchor and state, its history, the versions the write is guarded on. */
function planRevision(rows: Claim[], results: ClaimAnchorResult[], revision: number) {
  const byId = new Map(results.map((r) => [r.id, r]));
  const plans: ClaimPlan[] = [];
  const events: { claimId: string; type: string; version: number; data: string }[] = [];
  const guarded: { id: string; version: number }[] = [];
  const counts = { unchanged: 0, changed: 0, orphaned: 0 };
  for (const row of rows) {
    const r = byId.get(row.id);
    if (!r) throw new Error(`re-anchoring returned no result for claim ${row.id}`);
    const live = row.deletedAt === null;
    if (live) counts[r.state]++;
    const plan = planClaim(row, r, revision, live);
    plans.push(plan.plan);
    if (plan.plan.bump) guarded.push({ id: row.id, version: row.version });
    for (const e of plan.events) events.push({ claimId: row.id, type: e.type, version: row.version + 1, data: JSON.stringify(e.data) });
  }
  return { plans, events, guarded, counts };
}

function planClaim(row: Claim, r: ClaimAnchorResult, revision: number, live: boolean): { plan: ClaimPlan; events: { type: string; data: unknown }[] } {
  const before = { start: row.positionStart, end: row.positionEnd, exact: row.quoteExact };
  if (r.state === "unchanged") {
    // Moved with the text, or not at all: same words, same verdict, no version. A claim
    // still waiting for a re-check from an earlier revision keeps waiting.
    return {
      plan: { id: row.id, start: r.start, end: r.end, exact: r.exact, prefix: r.prefix, suffix: r.suffix, anchorState: row.anchorState, recheckQuote: row.recheckQuote, status: row.status, bump: 0, clearApproval: 0 },
      events: [],
    };
  }
  const move = live ? statusAfterTextChange(row, r.state, revision) : { status: row.status, reopened: null };
  // An orphaned claim keeps its old quote and selectors' text: the words it judged are listed apart.
  const quote = r.state === "orphaned" ? { exact: row.quoteExact, prefix: row.quotePrefix, suffix: row.quoteSuffix } : { exact: r.exact, prefix: r.prefix, suffix: r.suffix };
  const events: { type: string; data: unknown }[] = [
    { type: "reanchored", data: { revision, state: r.state, method: r.method, before, after: { start: r.start, end: r.end, exact: r.exact } } },
  ];
  if (move.reopened) events.push({ type: "reopened", data: { from: row.status, to: move.status, reason: move.reopened.reason } });
  return {
    plan: {
      id: row.id,
      start: r.start,
      end: r.end,
      ...quote,
      anchorState: r.state,
      recheckQuote: row.recheckQuote ?? row.quoteExact,
      status: move.status,
      bump: 1,
      clearApproval: move.reopened ? 1 : 0,
    },
    events,
  };
}

async function conflict(db: Db, articleId: string): Promise<RevisionConflict> {
  const article = await db.query.articles.findFirst({ where: eq(articles.id, articleId), columns: { content: true, plainText: true, currentRevision: true } });
  if (!article) throw new AppError("not_found:article");
  return { status: "conflict", current: { ...(await revisionInfo(db, articleId, article.currentRevision)), content: article.content as DocNode, plainText: article.plainText } };
}

// ---------------------------------------------------------------- a new version from outside

export const externalRevisionSchema = z.object({
  articleId: z.uuid({ message: "Not a valid article id." }),
  baseRevision: z.number({ message: "Say which revision the new version replaces." }).int().positive(),
  ...externalRevisionShape,
});

export type ExternalRevisionInput = z.input<typeof externalRevisionSchema>;

/** What saving a version would do to one live claim. */
export type ClaimOutcome = { id: string; state: "unchanged" | "changed" | "orphaned"; quote: string; newText: string };

export type ExternalRevisionPreview =
  | {
      status: "preview";
      /** The revision the version would replace, and the number it would get. */
      baseRevision: number;
      number: number;
      words: { added: number; removed: number };
      counts: { unchanged: number; changed: number; orphaned: number };
      /** Live claims in text order. */
      claims: ClaimOutcome[];
      /** A Claimdesk JSON: the claims the file held, which are not brought into this article. */
      fileClaims?: number;
    }
  | RevisionConflict;

export type ExternalRevisionResult =
  | (Extract<SaveTextRevisionResult, { status: "saved" }> & { words: { added: number; removed: number } })
  | RevisionConflict;

/** Parses an outside version in the import worker (same sanitiser and limits as an import) and maps the claims through the text diff. */
async function computeExternal(data: z.output<typeof externalRevisionSchema>, article: StoredArticle, rows: Claim[]) {
  let computed;
  try {
    // Refusals that need no parser (empty, over 2 MB) are decided here, without a worker.
    if (data.format === "claimdesk-json") {
      // The file as a JSON import takes it; the article inside is held to 2 MB by the file's schema.
      if (utf8ByteLength(data.content, MAX_CLAIMDESK_JSON_BYTES) > MAX_CLAIMDESK_JSON_BYTES) {
        throw new AppError("too_large:import", `The file is larger than ${MAX_CLAIMDESK_JSON_LABEL}. Export fewer claims (e.g. approved only) or split the article.`);
      }
      if (data.content.trim() === "") throw new ImportError("empty");
    } else {
      checkArticleBody(data.content);
    }
    computed = await runImportTask({ kind: "external-revision", format: data.format, body: data.content, oldText: article.plainText, claims: rows.map(anchorInputOf) });
  } catch (error) {
    if (error instanceof ImportError) {
      if (error.code === "empty") {
        const message = "This version has no article text in it. Paste the new version of the article, or choose its file.";
        throw new AppError("bad_request:import", message, { content: message });
      }
      throw importAppError(error);
    }
    throw error;
  }
  if (computed.identical) {
    throw new AppError("bad_request:article", `This version is the same as revision ${article.currentRevision}. Nothing was saved.`);
  }
  return computed;
}

/**
 * What bringing in a new version would do, without writing anything: the
 * words added and removed and, for every live claim, whether its words stay
 * (unchanged), were edited (changed: it goes to the re-check queue) or are
 * gone (orphaned). Editors and admins only; the same checks as saving.
 */
export async function previewExternalRevision({ actor, input }: { actor: SessionUser; input: unknown }): Promise<ExternalRevisionPreview> {
  if (!isEditorRole(actor.role)) throw new AppError("forbidden:article", "Only an editor or admin can bring in a new version of the article.");
  const data = parseInput(externalRevisionSchema, input, "article");
  const db = await getDb();
  const article = await db.query.articles.findFirst({
    where: eq(articles.id, data.articleId),
    columns: { id: true, content: true, plainText: true, currentRevision: true },
  });
  if (!article) throw new AppError("not_found:article");
  if (article.currentRevision !== data.baseRevision) return conflict(db, data.articleId);
  const rows = await db.select().from(claims).where(eq(claims.articleId, data.articleId));
  const computed = await computeExternal(data, article, rows);
  const byId = new Map(computed.results.map((r) => [r.id, r]));
  const newModel = createTextModel(computed.plainText);
  const counts = { unchanged: 0, changed: 0, orphaned: 0 };
  const outcomes: (ClaimOutcome & { at: number })[] = [];
  for (const row of rows) {
    const r = byId.get(row.id);
    if (!r || row.deletedAt !== null) continue;
    counts[r.state]++;
    const newText = r.state === "orphaned" ? "" : computed.plainText.slice(newModel.toUtf16(r.start), newModel.toUtf16(r.end));
    outcomes.push({ id: row.id, state: r.state, quote: row.quoteExact, newText, at: row.positionStart });
  }
  outcomes.sort((a, b) => a.at - b.at);
  return {
    status: "preview",
    baseRevision: data.baseRevision,
    number: data.baseRevision + 1,
    words: computed.words,
    counts,
    claims: outcomes.map((o) => ({ id: o.id, state: o.state, quote: o.quote, newText: o.newText })),
    ...(computed.fileClaims === undefined ? {} : { fileClaims: computed.fileClaims }),
  };
}

/**
 * Brings in a new version of the article from outside (pasted or uploaded
 * text, Markdown or HTML, or a Claimdesk JSON export, whose article document
 * is taken and whose claims are not; the page fetched again from its URL,
 * with `sourceUrl`) as the next revision. Editors and admins only. The content is
 * parsed in the import worker exactly as an import is (same allow-list,
 * sanitiser, size and time limits: a pathological document is refused as
 * too complex and nothing is written), every claim is mapped through a diff
 * of the old and new plain text, and the revision is written through the
 * same guarded write as an edit made in the editor. A base revision that is
 * no longer current is a conflict; a version whose text is the current one is
 * refused.
 */
export async function saveExternalRevision({ actor, input }: { actor: SessionUser; input: unknown }): Promise<ExternalRevisionResult> {
  if (!isEditorRole(actor.role)) throw new AppError("forbidden:article", "Only an editor or admin can bring in a new version of the article.");
  const data = parseInput(externalRevisionSchema, input, "article");
  let words = { added: 0, removed: 0 };
  const result = await saveRevision({
    actor,
    articleId: data.articleId,
    baseRevision: data.baseRevision,
    note: data.note,
    steps: null,
    audit: { source: data.format, ...(data.sourceUrl ? { sourceUrl: data.sourceUrl } : {}) },
    compute: async (article, rows) => {
      const computed = await computeExternal(data, article, rows);
      words = computed.words;
      return computed;
    },
    retryMessage: "The claims of this article kept changing while the new version was saved. Nothing was saved; try again.",
  });
  return result.status === "saved" ? { ...result, words } : result;
}

export type RevisionSource = "import" | "editor" | "outside";

/**
 * The one reader of an article's revision list, oldest first: number, who
 * (a desk account's name, or the name a Claimdesk JSON file gave, never an
 * account), when, note, where it came from, and the stored word counts.
 * With `number`, that revision only; with `withText`, its plain text and
 * document too.
 */
export async function readRevisions(
  db: Db,
  articleId: string,
  { number, withText = false }: { number?: number; withText?: boolean } = {},
): Promise<(RevisionInfo & { source: RevisionSource; wordsAdded: number | null; wordsRemoved: number | null; plainText?: string; content?: unknown })[]> {
  const rows = await db
    .select({
      number: articleRevisions.number,
      accountName: author.name,
      createdAt: articleRevisions.createdAt,
      note: articleRevisions.note,
      fromSteps: sql<number>`${articleRevisions.steps} IS NOT NULL`,
      imported: articleRevisions.imported,
      wordsAdded: articleRevisions.wordsAdded,
      wordsRemoved: articleRevisions.wordsRemoved,
      ...(withText ? { plainText: articleRevisions.plainText, content: articleRevisions.content } : {}),
    })
    .from(articleRevisions)
    .leftJoin(author, eq(author.id, articleRevisions.authorId))
    .where(and(eq(articleRevisions.articleId, articleId), number === undefined ? undefined : eq(articleRevisions.number, number)))
    .orderBy(asc(articleRevisions.number));
  return rows.map(({ accountName, fromSteps, imported, ...r }) => ({
    ...r,
    authorName: imported ? imported.authorName : (accountName ?? null),
    source: imported ? imported.source : r.number === 1 ? "import" : fromSteps ? "editor" : "outside",
  }));
}

async function requireArticleId(db: Db, articleId: string) {
  const article = await db.query.articles.findFirst({ where: eq(articles.id, articleId), columns: { id: true } });
  if (!article) throw new AppError("not_found:article");
}

/** The article's revisions, oldest first (number, author, date, note, where it came from). */
export async function listRevisions({ articleId }: { articleId: string }): Promise<(RevisionInfo & { source: RevisionSource })[]> {
  const db = await getDb();
  await requireArticleId(db, articleId);
  return (await readRevisions(db, articleId)).map(({ number, authorName, createdAt, note, source }) => ({ number, authorName, createdAt, note, source }));
}

/** One revision of an article, with its plain text (GET /api/v1/articles/{id}/revisions/{n}). */
export async function getRevision({ articleId, number }: { articleId: string; number: unknown }): Promise<RevisionInfo & { source: RevisionSource; plainText: string }> {
  const db = await getDb();
  await requireArticleId(db, articleId);
  const n = typeof number === "string" && /^[1-9][0-9]{0,8}$/.test(number) ? Number(number) : typeof number === "number" && Number.isInteger(number) ? number : 0;
  const [row] = n > 0 ? await readRevisions(db, articleId, { number: n, withText: true }) : [];
  if (!row) throw new AppError("not_found:article", `This article has no revision ${String(number).slice(0, 20)}. GET /api/v1/articles/${articleId}/revisions lists its revisions.`);
  return { number: row.number, authorName: row.authorName, createdAt: row.createdAt, note: row.note, source: row.source, plainText: row.plainText ?? "" };
}

// ---------------------------------------------------------------- claims made on an older revision

/**
 * A range selected on revision `from` (UTF-16 offsets, as the editor gives
 * them), in code points over the current text, when it maps there exactly:
 * every later revision was an editor edit (its steps are stored) and left the
 * words intact. Otherwise null: the caller refuses with "the article changed".
 */
export async function mapRangeToCurrent(
  articleId: string,
  from: number,
  range: { start: number; end: number },
  exact: string,
): Promise<{ start: number; end: number } | null> {
  const db = await getDb();
  const revisions = await db
    .select({ number: articleRevisions.number, content: articleRevisions.content, plainText: articleRevisions.plainText, steps: articleRevisions.steps })
    .from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, articleId), gt(articleRevisions.number, from - 1)))
    .orderBy(asc(articleRevisions.number));
  const base = revisions[0];
  if (!base || base.number !== from || base.plainText.slice(range.start, range.end) !== exact) return null;
  const model = createTextModel(base.plainText);
  const selectors = describe(model, range);
  let claim: ClaimAnchorInput = { id: "selection", start: selectors.position.start, end: selectors.position.end, exact: selectors.quote.exact, prefix: selectors.quote.prefix, suffix: selectors.quote.suffix };
  let doc = base.content;
  for (const next of revisions.slice(1)) {
    if (!Array.isArray(next.steps)) return null;
    const { results } = await runImportTask({ kind: "text-revision", docJson: JSON.stringify(doc), steps: next.steps, claims: [claim] });
    const r = results[0];
    if (!r || r.state !== "unchanged") return null;
    claim = { id: claim.id, start: r.start, end: r.end, exact: r.exact, prefix: r.prefix, suffix: r.suffix };
    doc = next.content;
  }
  return { start: claim.start, end: claim.end };
}

// ---------------------------------------------------------------- the re-check queue

const recheckSchema = z.object({ claimId: z.uuid({ message: "Not a valid claim id." }), version: z.number().int().positive() });

/**
 * "Accept new text": a person confirms the verdict stands for the new wording
 * of a claim whose words changed. Recorded as a `text_accepted` event; the
 * claim leaves the re-check list. It does not approve anything: a claim that
 * left Approved must be approved again.
 */
export async function acceptNewText({ actor, input }: { actor: SessionUser; input: unknown }): Promise<ClaimDto> {
  const { claimId, version } = parseInput(recheckSchema, input, "claim");
  const db = await getDb();
  const row = await db.query.claims.findFirst({ where: eq(claims.id, claimId) });
  if (!row || row.deletedAt) throw new AppError("not_found:claim");
  if (row.version !== version) throw new AppError("conflict:claim", "Someone changed this claim meanwhile. Check its latest version and try again.");
  if (row.anchorState === "orphaned") {
    throw new AppError("bad_request:claim", "The words of this claim are gone from the article, so there is no new text to accept. Re-anchor it to other words, or withdraw it.");
  }
  if (row.anchorState !== "changed") throw new AppError("conflict:claim", "This claim does not need a re-check any more. Reload the page to see where it stands.");
  const article = await db.query.articles.findFirst({ where: eq(articles.id, row.articleId), columns: { currentRevision: true } });
  const data = { revision: article?.currentRevision ?? null, before: row.recheckQuote, after: row.quoteExact };
  const { applied } = await guardedWrite(db, [
    {
      key: claimId,
      guard: claimAt({ id: claimId, version }),
      statements: (ok) => [
        insertWhen(db, claimEvents, { claimId, articleId: row.articleId, actorId: actor.id, type: "text_accepted", version: version + 1, data }, ok),
        db
          .update(claims)
          .set({ anchorState: "unchanged", recheckQuote: null, version: version + 1, updatedBy: actor.id, updatedAt: NOW })
          .where(and(eq(claims.id, claimId), ok)),
      ],
    },
  ]);
  if (!applied.has(claimId)) throw new AppError("conflict:claim", "Someone changed this claim meanwhile. Check its latest version and try again.");
  return getClaim({ claimId });
}

const reanchorSchema = z.object({
  claimId: z.uuid({ message: "Not a valid claim id." }),
  version: z.number().int().positive(),
  revision: z.number().int().positive(),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  exact: z.string().min(1).max(5000),
});

/**
 * "Re-anchor": attaches a claim that needs a re-check to words a person
 * selected in the current text. The selection is checked against the
 * server's copy of that revision, as when a claim is created.
 */
export async function reanchorClaim({ actor, input }: { actor: SessionUser; input: unknown }): Promise<ClaimDto> {
  const { claimId, version, revision, start, end, exact } = parseInput(reanchorSchema, input, "claim");
  const db = await getDb();
  const row = await db.query.claims.findFirst({ where: eq(claims.id, claimId) });
  if (!row || row.deletedAt) throw new AppError("not_found:claim");
  if (row.version !== version) throw new AppError("conflict:claim", "Someone changed this claim meanwhile. Check its latest version and try again.");
  const article = await db.query.articles.findFirst({ where: eq(articles.id, row.articleId), columns: { plainText: true, currentRevision: true } });
  if (!article) throw new AppError("not_found:article");
  if (article.currentRevision !== revision || end <= start || article.plainText.slice(start, end) !== exact || exact.trim() === "") {
    throw new AppError("conflict:article", "The article changed; reload the page and select the words again.");
  }
  const selectors = describe(createTextModel(article.plainText), { start, end });
  const after = { start: selectors.position.start, end: selectors.position.end, exact: selectors.quote.exact };
  const data = { revision, state: "unchanged", method: "manual", before: { start: row.positionStart, end: row.positionEnd, exact: row.recheckQuote ?? row.quoteExact }, after };
  const { applied } = await guardedWrite(db, [
    {
      key: claimId,
      guard: sql`${claimAt({ id: claimId, version })} AND EXISTS (SELECT 1 FROM articles WHERE id = ${row.articleId} AND current_revision = ${revision})`,
      statements: (ok) => [
        insertWhen(db, claimEvents, { claimId, articleId: row.articleId, actorId: actor.id, type: "reanchored", version: version + 1, data }, ok),
        db.run(sql`INSERT INTO claim_anchors (claim_id, article_id, revision, position_start, position_end, quote_exact, quote_prefix, quote_suffix, state, method)
          SELECT ${claimId}, ${row.articleId}, ${revision}, ${after.start}, ${after.end}, ${after.exact}, ${selectors.quote.prefix}, ${selectors.quote.suffix}, 'unchanged', 'manual' WHERE ${ok}
          ON CONFLICT (claim_id, revision) DO UPDATE SET position_start = excluded.position_start, position_end = excluded.position_end, quote_exact = excluded.quote_exact,
            quote_prefix = excluded.quote_prefix, quote_suffix = excluded.quote_suffix, state = excluded.state, method = excluded.method`),
        db
          .update(claims)
          .set({
            positionStart: after.start,
            positionEnd: after.end,
            quoteExact: after.exact,
            quotePrefix: selectors.quote.prefix,
            quoteSuffix: selectors.quote.suffix,
            anchorState: "unchanged",
            recheckQuote: null,
            version: version + 1,
            updatedBy: actor.id,
            updatedAt: NOW,
          })
          .where(and(eq(claims.id, claimId), ok)),
      ],
    },
  ]);
  if (!applied.has(claimId)) throw new AppError("conflict:article", "The article or the claim changed meanwhile; reload the page and try again.");
  return getClaim({ claimId });
}

/** The article's current revision number (the base of a text edit). */
export async function currentRevisionOf(articleId: string): Promise<number> {
  const db = await getDb();
  const row = await db.query.articles.findFirst({ where: eq(articles.id, articleId), columns: { currentRevision: true } });
  if (!row) throw new AppError("not_found:article");
  return row.currentRevision;
}
