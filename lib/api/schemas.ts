/**
 * The shapes of the HTTP API, once: route handlers validate request bodies
 * with them and lib/api/openapi.ts turns them into the OpenAPI document's
 * components (zod 4's JSON Schema output). Request bodies are strict (an
 * unknown field is a 400) and are built from the domain's own schemas
 * (lib/claims.ts, lib/comments.ts, lib/workflow.ts, the import schema), so a
 * limit is written in one place; the domain layer still validates what it is
 * given. Response schemas describe the DTOs the domain returns (typed against
 * them here) and are what the contract tests check real responses with.
 */
import { z } from "@/lib/zod";
import { ANCHOR_METHODS, ANCHOR_STATES } from "@/db/schema";
import { MAX_QUOTE_LENGTH, MAX_SOURCES, claimFieldsSchema, sourceSchema, type ClaimDto } from "@/lib/claims";
import { commentBodySchema, type CommentDto } from "@/lib/comments";
import { EXPORT_FORMAT_KEYS } from "@/lib/export/formats";
import { ARTICLE_STATE_KEYS } from "@/lib/summary";
import { CLAIM_STATUS_KEYS, SOURCE_STANCE_KEYS } from "@/lib/verdicts";
import { reasonSchema } from "@/lib/workflow";
import { externalRevisionShape, importArticleShape, importFromUrlShape, revisionNoteSchema } from "@/lib/import/article-input";

/** Schemas with an `id` here become `#/components/schemas/{id}`; requests are converted as input, responses as output. */
export const requestSchemas = z.registry<{ id: string; description?: string }>();
export const responseSchemas = z.registry<{ id: string; description?: string }>();

// ---------------------------------------------------------------- requests

export const articleCreateBody = z.strictObject(importArticleShape).register(requestSchemas, {
  id: "ArticleCreate",
  description: "A new article from text, Markdown or HTML (sanitised and parsed as the import page does).",
});

export const articleFromUrlBody = z.strictObject(importFromUrlShape).register(requestSchemas, {
  id: "ArticleFromUrl",
  description:
    "A new article from a web page: the server fetches `url` (public http/https addresses only, at most 5 MB, 10 s and 5 redirects, HTML only), keeps the article and leaves out the site around it. The page's title, author, publisher, date and canonical URL (as `sourceUrl`) are used unless given here; null or \"\" clears one.",
});
export const revisionCreateBody = z
  .strictObject({
    ...externalRevisionShape,
    dryRun: z.boolean().optional().meta({ description: "true: answer what saving would do (200, ArticleRevisionPreview) and write nothing." }),
  })
  .register(requestSchemas, {
    id: "ArticleRevisionCreate",
    description:
      "A new version of the article's text from outside: text, Markdown or HTML (sanitised and parsed as an import is), or `claimdesk-json`, a Claimdesk JSON export as text, whose article document becomes the revision (through the same allow-list); the file's claims are not brought into this article. It becomes the next revision; every claim is mapped through a diff of the old and new plain text.",
  });

export const revisionFromUrlBody = z
  .strictObject({
    url: importFromUrlShape.url,
    note: revisionNoteSchema,
    dryRun: revisionCreateBody.shape.dryRun,
  })
  .register(requestSchemas, {
    id: "ArticleRevisionFromUrl",
    description:
      "A new version of the article fetched from a web page (the article's own page again, or another address): fetched, read and sanitised as an import from a URL is (public http/https addresses only, at most 5 MB, 10 s and 5 redirects, HTML only; page fetches count against the owner's URL_FETCH_LIMIT), then saved as the next revision like ArticleRevisionCreate.",
  });

export const claimByQuoteBody = z
  .strictObject({
    quote: z.string().min(1, "Give the quoted words.").max(MAX_QUOTE_LENGTH, `A claim can quote at most ${MAX_QUOTE_LENGTH} characters.`),
    prefix: z.string().max(1000).optional(),
    suffix: z.string().max(1000).optional(),
  })
  .register(requestSchemas, { id: "ClaimByQuote", description: "Marks the claim over the one passage of the article's text that equals `quote` (with `prefix` and `suffix` around it, when it occurs more than once)." });

export const claimByPositionBody = z
  .strictObject({
    start: z.number().int().nonnegative(),
    end: z.number().int().positive(),
  })
  .register(requestSchemas, { id: "ClaimByPosition", description: "Marks the claim over [start, end) of the article's plain text, in Unicode code points." });

export const claimCreateBody = z
  .union([claimByQuoteBody, claimByPositionBody], { error: "Give either {quote, prefix?, suffix?} or {start, end}, and no other fields." })
  .register(requestSchemas, { id: "ClaimCreate" });

/** A source as the API takes it: an id and every field but the URL may be left out. */
export const sourceInput = sourceSchema
  .extend({
    id: sourceSchema.shape.id.optional(),
    title: sourceSchema.shape.title.default(""),
    publisher: sourceSchema.shape.publisher.default(""),
    excerpt: sourceSchema.shape.excerpt.default(""),
    stance: sourceSchema.shape.stance.default("context"),
    accessedOn: sourceSchema.shape.accessedOn.default(null),
  })
  .strict()
  .register(requestSchemas, { id: "SourceInput" });

const f = claimFieldsSchema.shape;
/** RFC 7396: a member set to null is removed (back to its empty value); `sources` replaces the list whole. */
export const claimMergePatch = z
  .strictObject({
    claimAsChecked: f.claimAsChecked.optional(),
    claimant: f.claimant.nullable().optional(),
    verdict: f.verdict.optional(),
    rationale: f.rationale.nullable().optional(),
    sources: z.array(sourceInput).max(MAX_SOURCES, `A claim can have at most ${MAX_SOURCES} sources.`).nullable().optional(),
  })
  .register(requestSchemas, {
    id: "ClaimMergePatch",
    description: "A JSON merge patch (RFC 7396) of the claim's fields. Null clears a field; `sources` replaces the whole list. The status moves only through submit, approve and return.",
  });

export const returnBody = z.strictObject({ reason: reasonSchema }).register(requestSchemas, { id: "ReturnClaim" });
export const commentCreateBody = z.strictObject({ body: commentBodySchema }).register(requestSchemas, { id: "CommentCreate" });

// ---------------------------------------------------------------- responses

const nullableString = z.string().nullable();

const sourceOut = z
  .object({
    id: z.string(),
    url: z.string(),
    title: z.string(),
    publisher: z.string(),
    excerpt: z.string(),
    stance: z.enum(SOURCE_STANCE_KEYS),
    accessedOn: nullableString,
  })
  .register(responseSchemas, { id: "Source" });

export const claimOut: z.ZodType<ClaimDto> = z
  .object({
    id: z.string(),
    articleId: z.string(),
    selectors: z.object({
      quote: z.object({ type: z.literal("TextQuoteSelector"), exact: z.string(), prefix: z.string(), suffix: z.string() }),
      position: z.object({ type: z.literal("TextPositionSelector"), start: z.int(), end: z.int() }),
    }),
    claimAsChecked: z.string(),
    claimant: z.string(),
    verdict: nullableString,
    rationale: z.string(),
    sources: z.array(sourceOut),
    status: z.enum(CLAIM_STATUS_KEYS),
    version: z.int(),
    createdAt: z.string().describe("When the claim was marked (ISO 8601)."),
    createdByName: nullableString.describe("Who marked the claim; null if the account is gone."),
    updatedAt: z.string(),
    updatedByName: nullableString,
    assigneeId: nullableString,
    assigneeName: nullableString,
    proposedBy: nullableString,
    proposedByName: nullableString,
    proposedAt: nullableString,
    approvedByName: nullableString,
    approvedAt: nullableString,
    anchorState: z
      .enum(ANCHOR_STATES)
      .optional()
      .describe("Whether a text revision left the claim for a person to re-check: its words were edited (changed) or are gone (orphaned)."),
    recheckQuote: nullableString.optional().describe("While it needs a re-check: the quote its verdict was given on."),
  })
  .register(responseSchemas, { id: "Claim", description: "A claim; positions are Unicode code points over the article's plain text. Its ETag is its version." });

export const claimListOut = z.object({ items: z.array(claimOut) }).register(responseSchemas, { id: "ClaimList" });

export type ApiArticle = {
  id: string;
  title: string;
  sourceUrl: string | null;
  publisher: string | null;
  author: string | null;
  publishedOn: string | null;
  /** BCP 47; "und" when unknown. */
  language: string;
  plainText: string;
  textHash: string;
  assigneeId: string | null;
  publishedAt: string | null;
  /** The current revision's number (1 until the text is revised). */
  revision: number;
  createdAt: string;
  updatedAt: string;
};

export const articleOut: z.ZodType<ApiArticle> = z
  .object({
    id: z.string(),
    title: z.string(),
    sourceUrl: nullableString,
    publisher: nullableString,
    author: nullableString,
    publishedOn: nullableString,
    language: z.string().meta({ description: "The article's language as a BCP 47 tag (detected at import, editable by editors); \"und\" when it could not be told." }),
    plainText: z.string().meta({ description: "The text every claim position is counted over." }),
    textHash: z.string(),
    assigneeId: nullableString,
    publishedAt: nullableString,
    revision: z.int().meta({ description: "The current revision's number; POST /api/v1/articles/{id}/revisions adds the next." }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .register(responseSchemas, { id: "Article" });

const revisionInfoOut = z
  .object({ number: z.int(), authorName: nullableString, createdAt: z.string(), note: z.string() })
  .register(responseSchemas, { id: "Revision" });

export const revisionListOut = z
  .object({
    items: z.array(
      revisionInfoOut.extend({
        source: z.enum(["import", "editor", "outside"]).meta({ description: "How the text came: the first import, an edit in the editor, or a version from outside." }),
      }),
    ),
  })
  .register(responseSchemas, { id: "RevisionList" });

export const revisionOut = revisionInfoOut
  .extend({
    source: z.enum(["import", "editor", "outside"]).meta({ description: "How the text came: the first import, an edit in the editor, or a version from outside." }),
    plainText: z.string().meta({ description: "The revision's plain text, as claim positions were counted over it then." }),
  })
  .register(responseSchemas, { id: "ArticleRevision", description: "One revision of the article's text." });

const anchorCounts = z.object({ unchanged: z.int(), changed: z.int(), orphaned: z.int() }).meta({ description: "Live claims by what the new revision did to their words." });
const wordCounts = z.object({ added: z.int(), removed: z.int() });

export const revisionCreatedOut = z
  .object({
    article: articleOut,
    revision: revisionInfoOut,
    words: wordCounts,
    counts: anchorCounts,
    anchors: z.array(
      z.object({
        claimId: z.string(),
        state: z.enum(ANCHOR_STATES).meta({ description: "unchanged: its words are all there; changed: they were edited (it needs a re-check); orphaned: they are gone." }),
        method: z.enum(ANCHOR_METHODS),
        start: z.int().meta({ description: "Code points over the new plain text; orphaned: start = end, where the words were." }),
        end: z.int(),
        quote: z.string().meta({ description: "The claim's words in the new text (\"\" when orphaned)." }),
      }),
    ),
  })
  .register(responseSchemas, { id: "ArticleRevisionCreated", description: "The new revision, the article with its new ETag, and where every live claim now stands." });

export const revisionPreviewOut = z
  .object({
    baseRevision: z.int(),
    number: z.int().meta({ description: "The number the revision would get." }),
    words: wordCounts,
    counts: anchorCounts,
    claims: z.array(z.object({ id: z.string(), state: z.enum(ANCHOR_STATES), quote: z.string(), newText: z.string() })),
  })
  .register(responseSchemas, { id: "ArticleRevisionPreview", description: "What saving the version would do; nothing was written." });

const statusCounts = z.object({ total: z.int(), open: z.int(), inReview: z.int(), verdictProposed: z.int(), approved: z.int(), checked: z.int() });

export type ApiArticleListItem = {
  id: string;
  title: string;
  publisher: string | null;
  publishedOn: string | null;
  importedAt: string;
  lastActivityAt: string;
  assignee: { id: string; name: string } | null;
  state: (typeof ARTICLE_STATE_KEYS)[number];
  claims: z.infer<typeof statusCounts>;
};

export const articleListItemOut: z.ZodType<ApiArticleListItem> = z
  .object({
    id: z.string(),
    title: z.string(),
    publisher: nullableString,
    publishedOn: nullableString,
    importedAt: z.string(),
    lastActivityAt: z.string(),
    assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
    state: z.enum(ARTICLE_STATE_KEYS),
    claims: statusCounts,
  })
  .register(responseSchemas, { id: "ArticleListItem" });

export const articleListOut = z
  .object({
    items: z.array(articleListItemOut),
    total: z.int().meta({ description: "Articles matching the filters." }),
    nextCursor: nullableString.meta({ description: "Pass as `cursor` for the next page (an opaque keyset position, valid for the same filters and sort); null on the last." }),
  })
  .register(responseSchemas, { id: "ArticleList" });

export const commentOut: z.ZodType<CommentDto> = z
  .object({
    id: z.string(),
    claimId: z.string(),
    kind: z.enum(["comment", "return"]),
    authorId: nullableString,
    authorName: z.string(),
    body: nullableString,
    createdAt: z.string(),
    updatedAt: z.string(),
    edited: z.boolean(),
    deletedAt: nullableString,
    mine: z.boolean(),
  })
  .register(responseSchemas, { id: "Comment" });

export const commentListOut = z.object({ items: z.array(commentOut) }).register(responseSchemas, { id: "CommentList" });

const snippet = z.array(z.object({ text: z.string(), hit: z.boolean() }));
const group = (hit: z.ZodType) =>
  z.object({ kind: z.enum(["articles", "claims", "sources"]), hits: z.array(hit), total: z.int(), capped: z.boolean(), page: z.int(), pageCount: z.int() }).nullable();

export const searchOut = z
  .object({
    status: z.enum(["ok", "empty", "invalid"]),
    query: z.record(z.string(), z.unknown()).meta({ description: "The query as understood (filters that did not parse are left out)." }),
    message: z.string().optional(),
    terms: z.array(z.string()).optional(),
    articles: group(z.object({ id: z.string(), href: z.string(), title: z.string(), publisher: nullableString, author: nullableString, publishedOn: nullableString, snippet })).optional(),
    claims: group(
      z.object({ id: z.string(), href: z.string(), articleId: z.string(), articleTitle: z.string(), claimAsChecked: z.string(), claimant: z.string(), status: z.enum(CLAIM_STATUS_KEYS), verdict: nullableString, snippet }),
    ).optional(),
    sources: group(z.object({ id: z.string(), href: z.string(), claimId: z.string(), claimAsChecked: z.string(), articleTitle: z.string(), title: z.string(), url: z.string(), publisher: z.string(), snippet })).optional(),
  })
  .register(responseSchemas, { id: "SearchResult" });

export const checkedBeforeOut = z
  .object({
    items: z.array(
      z.object({
        claimId: z.string(),
        href: z.string(),
        articleId: z.string(),
        articleTitle: z.string(),
        claimAsChecked: z.string(),
        verdict: z.string(),
        status: z.enum(CLAIM_STATUS_KEYS),
        checkedAt: z.string().meta({ description: "When the verdict was approved, or when it was last saved if it is not approved yet." }),
        score: z.number().meta({ description: "Closeness of the wording, 0–1." }),
      }),
    ),
  })
  .register(responseSchemas, { id: "CheckedBeforeResult" });

export const problemOut = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    code: z.string().meta({ description: "The same `type:surface` code the UI reports, e.g. `conflict:claim`." }),
    errors: z.record(z.string(), z.string()).optional().meta({ description: "Field messages by JSON path." }),
    current: z
      .union([claimOut, articleOut])
      .optional()
      .meta({ description: "On 412: the claim (or, for a new revision, the article) as it is now, with its ETag in the response's ETag header." }),
  })
  .register(responseSchemas, { id: "Problem", description: "RFC 9457 problem details." });

export const exportFormatParam = z.enum(EXPORT_FORMAT_KEYS);
