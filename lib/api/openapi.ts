/**
 * The OpenAPI 3.1 description of /api/v1, generated from the zod schemas the
 * handlers validate with (lib/api/schemas.ts) by zod 4's own JSON Schema
 * output (draft 2020-12, the dialect of OpenAPI 3.1). Request bodies are
 * converted as input, responses as output. Framework-free.
 */
import { z } from "@/lib/zod";
import { EXPORT_FORMAT_KEYS } from "@/lib/export/formats";
import { ARTICLE_STATE_KEYS } from "@/lib/summary";
import { CLAIM_STATUS_KEYS } from "@/lib/verdicts";
import { PROBLEM_CONTENT_TYPE } from "./problem";
import { requestSchemas, responseSchemas } from "./schemas";

type Json = Record<string, unknown>;

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

function components(): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [registry, io] of [
    [requestSchemas, "input"],
    [responseSchemas, "output"],
  ] as const) {
    const { schemas } = z.toJSONSchema(registry, { io, uri: (id) => `#/components/schemas/${id}`, unrepresentable: "any" }) as { schemas: Record<string, Json> };
    for (const [id, schema] of Object.entries(schemas)) {
      const rest = { ...schema };
      delete rest.$schema;
      delete rest.$id;
      out[id] = rest;
    }
  }
  return out;
}

const problem = (description: string) => ({ description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ref("Problem") } } });
const json = (description: string, id: string, headers?: Json) => ({ description, ...(headers ? { headers } : {}), content: { "application/json": { schema: ref(id) } } });
const etagHeader = { ETag: { description: "The representation's entity tag (a claim's is its version, e.g. \"v3\").", schema: { type: "string" } } };
const rateHeaders = {
  "RateLimit-Limit": { description: "Requests allowed per token per minute.", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left in this minute.", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the window starts afresh.", schema: { type: "integer" } },
};

const common = {
  "400": problem("The request is not valid: a body or parameter that does not fit (with `errors` by field), or an unknown field."),
  "401": problem("No token, or a token that is unknown, expired, revoked, or whose owner's account is disabled."),
  "403": problem("The token's scope or its owner's role does not allow this."),
  "429": { ...problem("Too many requests for this token this minute; see Retry-After."), headers: { "Retry-After": { schema: { type: "integer" } } } },
  "503": problem("The database is busy; try again in a moment."),
};
const fetchLimited = {
  "429": {
    ...problem("Too many requests for this token this minute, or, with `url`, too many page fetches by the token's owner (URL_FETCH_LIMIT per 10 minutes, code rate_limited:import); see Retry-After."),
    headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } },
  },
};
const notFound = { "404": problem("No such article or claim (or it was deleted).") };
const ifMatch = { name: "If-Match", in: "header", required: true, description: "The claim's ETag from a GET or the last write. Missing → 428; stale → 412 with the current claim.", schema: { type: "string" } };
const ifNoneMatch = { name: "If-None-Match", in: "header", required: false, description: "An ETag you hold: 304 Not Modified when it is still current.", schema: { type: "string" } };
const idParam = (what: string) => ({ name: "id", in: "path", required: true, description: `The ${what}'s id.`, schema: { type: "string", format: "uuid" } });
const conditionalWrite = {
  "412": { ...problem("The claim changed since that ETag: nothing was written; `current` is the claim now."), headers: etagHeader },
  "428": problem("If-Match is missing."),
};
const query = (name: string, schema: Json, description: string) => ({ name, in: "query", required: false, description, schema });

export function buildOpenApiDocument(): Json {
  const claimResponse = json("The claim.", "Claim", { ...etagHeader, ...rateHeaders });
  return {
    openapi: "3.1.0",
    info: {
      title: "Claimdesk API",
      version: "1.0.0",
      description:
        "The desk's articles, claims, workflow, discussion, search and exports for other systems. Authenticate with a personal access token (Account → Tokens) as `Authorization: Bearer cdk_…`. A token acts as its owner, with the owner's current role; read tokens cannot change anything. Errors are RFC 9457 problem details carrying the same codes and messages as the app.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    tags: [{ name: "Articles" }, { name: "Claims" }, { name: "Workflow" }, { name: "Comments" }, { name: "Search" }, { name: "Exports" }],
    paths: {
      "/api/v1/articles": {
        get: {
          tags: ["Articles"],
          operationId: "listArticles",
          summary: "List articles with the dashboard's filters (editors and admins)",
          parameters: [
            query("state", { type: "string", enum: [...ARTICLE_STATE_KEYS] }, "Article state."),
            query("status", { type: "string", enum: [...CLAIM_STATUS_KEYS] }, "Articles with a live claim in this status."),
            query("verdict", { type: "string" }, "Articles with a live claim with this verdict key."),
            query("reviewer", { type: "string", format: "uuid" }, "Articles assigned to this user or with claims assigned to them."),
            query("publisher", { type: "string" }, "Exact publisher."),
            query("from", { type: "string", format: "date" }, "Article date from (inclusive)."),
            query("to", { type: "string", format: "date" }, "Article date to (inclusive)."),
            query("sort", { type: "string", enum: ["date", "imported", "title", "publisher", "claims", "progress", "activity"] }, "Sort key."),
            query("dir", { type: "string", enum: ["asc", "desc"] }, "Sort direction."),
            query(
              "cursor",
              { type: "string" },
              "`nextCursor` of the previous page, with the same filters and sort. An opaque keyset position (the last item's sort values and id): articles imported or deleted between two requests neither skip nor repeat an item; an article whose own sort value (claims, progress, activity) changes meanwhile may move.",
            ),
          ],
          responses: { "200": json("A page of 25 articles.", "ArticleList", rateHeaders), ...common },
        },
        post: {
          tags: ["Articles"],
          operationId: "createArticle",
          summary: "Import an article from text, Markdown or HTML, or from a web page's URL (write scope)",
          description:
            "A body with `url` is fetched and imported from that web page (ArticleFromUrl); any other body is the article itself (ArticleCreate). A refused page (a private or reserved address, not HTML, too large, an error status, no article on it) is a 400 or 413 whose `errors.url` says why; a page that does not answer within 10 s is a 503.",
          requestBody: { required: true, content: { "application/json": { schema: { oneOf: [ref("ArticleCreate"), ref("ArticleFromUrl")] } } } },
          responses: {
            "201": json("Imported.", "Article", { ...etagHeader, Location: { description: "The new article's address.", schema: { type: "string" } } }),
            "413": problem("The body is larger than 5 MB, the article larger than 2 MB, or the fetched page larger than 5 MB."),
            "415": problem("Not application/json."),
            ...common,
            ...fetchLimited,
          },
        },
      },
      "/api/v1/articles/{id}": {
        get: {
          tags: ["Articles"],
          operationId: "getArticle",
          summary: "Get an article",
          parameters: [idParam("article"), ifNoneMatch],
          responses: { "200": json("The article.", "Article", etagHeader), "304": { description: "Not modified.", headers: etagHeader }, ...notFound, ...common },
        },
      },
      "/api/v1/articles/{id}/revisions": {
        get: {
          tags: ["Articles"],
          operationId: "listRevisions",
          summary: "The article's revisions, oldest first",
          parameters: [idParam("article")],
          responses: { "200": json("The revisions.", "RevisionList"), ...notFound, ...common },
        },
        post: {
          tags: ["Articles"],
          operationId: "createRevision",
          summary: "Bring in a new version of the text as the next revision (editors and admins, write scope)",
          description:
            "The text is parsed and sanitised as an import is; every claim is mapped through a diff of the old and new plain text and ends unchanged, changed (it needs a re-check; an approved claim goes back to Verdict proposed) or orphaned. If-Match names the revision being replaced. With `dryRun: true` nothing is written and the answer says what saving would do. A body with `url` (ArticleRevisionFromUrl) is the version fetched from that web page, as Refresh from URL fetches it; a refused page is a 400, 413 or 503 whose `errors.url` says why.",
          parameters: [
            idParam("article"),
            { ...ifMatch, description: "The article's ETag from a GET. Missing → 428; stale (the text or the article changed since) → 412 with the current article." },
          ],
          requestBody: { required: true, content: { "application/json": { schema: { oneOf: [ref("ArticleRevisionCreate"), ref("ArticleRevisionFromUrl")] } } } },
          responses: {
            "201": json("Saved as the next revision; the ETag is the article's new one.", "ArticleRevisionCreated", {
              ...etagHeader,
              Location: { description: "The new revision's address, /api/v1/articles/{id}/revisions/{number}.", schema: { type: "string" } },
            }),
            "200": json("`dryRun`: what saving would do; nothing was written.", "ArticleRevisionPreview", etagHeader),
            "412": { ...problem("The article changed since that ETag: nothing was written; `current` is the article now."), headers: etagHeader },
            "428": problem("If-Match is missing."),
            "413": problem("The body is larger than 16 MB, the article larger than 2 MB, a Claimdesk JSON file larger than 10 MB, or the fetched page larger than 5 MB."),
            "415": problem("Not application/json."),
            ...notFound,
            ...common,
            ...fetchLimited,
          },
        },
      },
      "/api/v1/articles/{id}/revisions/{number}": {
        get: {
          tags: ["Articles"],
          operationId: "getRevision",
          summary: "One revision of the article: number, note, author, date, origin and plain text",
          parameters: [idParam("article"), { name: "number", in: "path", required: true, description: "The revision's number (1 is the import).", schema: { type: "integer", minimum: 1 } }],
          responses: { "200": json("The revision.", "ArticleRevision"), ...notFound, ...common },
        },
      },
      "/api/v1/articles/{id}/claims": {
        get: {
          tags: ["Claims"],
          operationId: "listClaims",
          summary: "The article's live claims in document order",
          parameters: [idParam("article")],
          responses: { "200": json("The claims.", "ClaimList"), ...notFound, ...common },
        },
        post: {
          tags: ["Claims"],
          operationId: "createClaim",
          summary: "Mark a claim by quote or by code-point range (write scope)",
          parameters: [idParam("article")],
          requestBody: { required: true, content: { "application/json": { schema: ref("ClaimCreate") } } },
          responses: { "201": json("Created.", "Claim", { ...etagHeader, Location: { schema: { type: "string" } } }), ...notFound, "409": problem("The article's text changed."), ...common },
        },
      },
      "/api/v1/articles/{id}/export/{format}": {
        get: {
          tags: ["Exports"],
          operationId: "exportArticle",
          summary: "The article and its claims in an export format",
          parameters: [
            idParam("article"),
            { name: "format", in: "path", required: true, schema: { type: "string", enum: [...EXPORT_FORMAT_KEYS] } },
            query("scope", { type: "string", enum: ["all", "approved"], default: "all" }, "Which claims."),
          ],
          responses: { "200": { description: "The file (HTML, Markdown, JSON, JSON-LD or CSV)." }, ...notFound, ...common },
        },
      },
      "/api/v1/claims/{id}": {
        get: {
          tags: ["Claims"],
          operationId: "getClaim",
          summary: "Get a claim",
          parameters: [idParam("claim"), ifNoneMatch],
          responses: { "200": claimResponse, "304": { description: "Not modified.", headers: etagHeader }, ...notFound, ...common },
        },
        patch: {
          tags: ["Claims"],
          operationId: "patchClaim",
          summary: "Change a claim's fields with a JSON merge patch (write scope)",
          parameters: [idParam("claim"), ifMatch],
          requestBody: { required: true, content: { "application/merge-patch+json": { schema: ref("ClaimMergePatch") } } },
          responses: { "200": claimResponse, ...conditionalWrite, ...notFound, "415": problem("Not application/merge-patch+json."), ...common },
        },
        delete: {
          tags: ["Claims"],
          operationId: "deleteClaim",
          summary: "Delete a claim (soft; editors can restore it) (write scope)",
          parameters: [idParam("claim"), ifMatch, query("reason", { type: "string" }, "Why (required for an approved claim).")],
          responses: { "204": { description: "Deleted." }, ...conditionalWrite, ...notFound, ...common },
        },
      },
      ...Object.fromEntries(
        (
          [
            ["submit", "Submit the verdict for approval", null],
            ["approve", "Approve the proposed verdict (editors)", null],
            ["return", "Return the verdict with a reason (editors)", "ReturnClaim"],
          ] as const
        ).map(([move, summary, body]) => [
          `/api/v1/claims/{id}/${move}`,
          {
            post: {
              tags: ["Workflow"],
              operationId: `${move}Claim`,
              summary: `${summary} (write scope)`,
              parameters: [idParam("claim"), ifMatch],
              ...(body ? { requestBody: { required: true, content: { "application/json": { schema: ref(body) } } } } : {}),
              responses: { "200": claimResponse, ...conditionalWrite, ...notFound, "409": problem("The move is not possible from the claim's status."), ...common },
            },
          },
        ]),
      ),
      "/api/v1/claims/{id}/comments": {
        get: {
          tags: ["Comments"],
          operationId: "listComments",
          summary: "The claim's discussion",
          parameters: [idParam("claim")],
          responses: { "200": json("The comments, oldest first.", "CommentList"), ...notFound, ...common },
        },
        post: {
          tags: ["Comments"],
          operationId: "addComment",
          summary: "Comment on a claim (write scope)",
          parameters: [idParam("claim")],
          requestBody: { required: true, content: { "application/json": { schema: ref("CommentCreate") } } },
          responses: { "201": json("The new comment.", "Comment"), ...notFound, ...common },
        },
      },
      "/api/v1/search": {
        get: {
          tags: ["Search"],
          operationId: "search",
          summary: "Search articles, claims and sources",
          parameters: [
            query("q", { type: "string" }, "Words; \"a phrase\", prefix*, -exclude."),
            query("kind", { type: "string", enum: ["articles", "claims", "sources"] }, "One kind, paged; all kinds' first hits without."),
            query("status", { type: "string", enum: [...CLAIM_STATUS_KEYS] }, "Claim status."),
            query("verdict", { type: "string" }, "Verdict key."),
            query("reviewer", { type: "string", format: "uuid" }, "Assigned user."),
            query("publisher", { type: "string" }, "Publisher."),
            query("from", { type: "string", format: "date" }, "Article date from."),
            query("to", { type: "string", format: "date" }, "Article date to."),
            query("page", { type: "integer", minimum: 1 }, "Page of one kind."),
          ],
          responses: { "200": json("The hits.", "SearchResult"), ...common },
        },
      },
      "/api/v1/checked-before": {
        get: {
          tags: ["Search"],
          operationId: "checkedBefore",
          summary: "Claims the desk has checked before that say the same thing",
          description:
            "The workspace's Checked before panel: earlier claims whose wording and facts (numbers, years, places, negation, direction) match, best first, at most five. A claim that differs on a fact is never a match.",
          parameters: [
            { ...query("text", { type: "string", minLength: 3, maxLength: 2000 }, "The claim's words."), required: true },
            query("claimId", { type: "string" }, "A claim to leave out of its own matches."),
          ],
          responses: { "200": json("The matches.", "CheckedBeforeResult"), ...common },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A personal access token (cdk_…)." } },
      schemas: components(),
    },
  };
}
