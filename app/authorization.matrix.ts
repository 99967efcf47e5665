/**
 * The one table of who may call what (read by app/authorization.test.ts).
 * Each row names an exported server action or route method as
 * `<path under app/>#<export>`, lists the roles allowed, and performs one
 * valid call on fresh data, reporting the outcome: "allowed", 401 or 403.
 * Anything else (400, 404, a crash) is reported as-is and fails the test.
 */
import { randomUUID } from "node:crypto";
import { createArticle, getArticle } from "@/db/queries/articles";
import { createClaim, deleteClaim, getClaim, saveClaim } from "@/db/queries/claims";
import { saveTextRevision } from "@/db/queries/revisions";
import { submitForApproval } from "@/db/queries/workflow";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { addComment } from "@/db/queries/comments";
import { publishArticle } from "@/db/queries/publishing";
import { getCorrectionsPanel } from "@/db/queries/corrections";
import { EXPORT_FORMAT_KEYS } from "@/lib/export/formats";
import { createAccount } from "@/db/queries/users";
import { createToken } from "@/db/queries/tokens";
import { createVerdict } from "@/db/queries/verdict-scale";
import { users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { AppError, type ActionResult } from "@/lib/errors";
import { ROLES, type Role } from "@/lib/verdicts";
import { startPageServer } from "@/test/support/page-server";
import * as claimActions from "./(desk)/articles/[id]/actions";
import * as passwordActions from "./(auth)/account/password/actions";
import * as discussionActions from "./(desk)/articles/[id]/discussion-actions";
import * as matchingActions from "./(desk)/articles/[id]/matching-actions";
import * as accountActions from "./(desk)/admin/users/actions";
import * as verdictActions from "./(desk)/admin/verdicts/actions";
import * as webhookActions from "./(desk)/admin/webhooks/actions";
import { createWebhookEndpoint } from "@/db/queries/webhooks";
import { webhookDeliveries } from "@/db/schema";
import * as publishActions from "./(desk)/articles/[id]/publish-actions";
import * as correctionActions from "./(desk)/articles/[id]/correction-actions";
import * as importActions from "./(desk)/articles/import/actions";
import * as exportRoute from "./api/articles/[id]/export/[format]/route";
import * as textEditingRoute from "./api/articles/[id]/text-editing/route";
import { loadSearchPage } from "./(desk)/search/load";
import { loadRevisionPage, loadRevisionsPage } from "./(desk)/articles/[id]/revisions/load";
import * as tokenActions from "./(auth)/account/password/token-actions";
import * as apiArticles from "./api/v1/articles/route";
import * as apiArticle from "./api/v1/articles/[id]/route";
import * as apiArticleClaims from "./api/v1/articles/[id]/claims/route";
import * as apiRevisions from "./api/v1/articles/[id]/revisions/route";
import * as apiRevision from "./api/v1/articles/[id]/revisions/[number]/route";
import { articleEtag, articleRepresentation } from "@/lib/api/resources";
import * as apiExport from "./api/v1/articles/[id]/export/[format]/route";
import * as apiClaim from "./api/v1/claims/[id]/route";
import * as apiSubmit from "./api/v1/claims/[id]/submit/route";
import * as apiApprove from "./api/v1/claims/[id]/approve/route";
import * as apiReturn from "./api/v1/claims/[id]/return/route";
import * as apiComments from "./api/v1/claims/[id]/comments/route";
import * as apiSearch from "./api/v1/search/route";
import * as apiCheckedBefore from "./api/v1/checked-before/route";

export type Caller = "anonymous" | Role | "disabled";
export type Outcome = "allowed" | 401 | 403;
type Got = Outcome | string | number;

const ALL = ROLES;
const EDITORS: readonly Role[] = ["editor", "admin"];
const ADMINS: readonly Role[] = ["admin"];

const QUOTE = "The vast majority of Iraq";
/** The fixtures' article body with one word changed, as a version from outside. */
const NEW_VERSION = "The vast majority of Iraq’s provinces are run by militias.\n\nA second paragraph with another claim.";

export type Fixtures = Awaited<ReturnType<typeof createFixtures>>;

/** Data the rows act on; each `fresh*` call makes new rows so every call can succeed. */
export const MATRIX_PASSWORD = "authorization-matrix-pass";

export async function createFixtures(ids: Record<Exclude<Caller, "anonymous">, string>, passwordHash: string) {
  const admin: SessionUser = { id: ids.admin, email: "", name: "Matrix admin", role: "admin" };
  const reviewer: SessionUser = { id: ids.reviewer, email: "", name: "Matrix reviewer", role: "reviewer" };
  const editor: SessionUser = { id: ids.editor, email: "", name: "Matrix editor", role: "editor" };
  /** The caller as an actor for setting up data it owns (the anonymous caller borrows the reviewer). */
  const actorFor = (caller: Caller): SessionUser =>
    caller === "anonymous" ? reviewer : { id: ids[caller], email: "", name: `Matrix ${caller}`, role: caller === "disabled" ? "editor" : caller };
  const body = "The vast majority of Iraq’s provinces are controlled by militias.\n\nA second paragraph with another claim.";
  const { id: articleId } = await createArticle({ actor: editor, input: { title: "Authorization matrix article", format: "text", body } });
  const { id: otherArticleId } = await createArticle({ actor: editor, input: { title: "Another article", format: "text", body } });
  const plainText = (await getArticle({ articleId })).plainText;
  // URL import fetches a real page: the fixture pages' server, let through the outbound guard by host:port.
  const pages = await startPageServer(0, { unref: true });
  process.env.URL_IMPORT_ALLOW_HOSTS = [process.env.URL_IMPORT_ALLOW_HOSTS, pages.hostPort].filter(Boolean).join(",");

  async function freshClaim(onArticle = articleId) {
    const start = plainText.indexOf(QUOTE);
    return createClaim({ actor: reviewer, input: { articleId: onArticle, start, end: start + QUOTE.length, exact: QUOTE } });
  }

  /** A claim with a verdict saved by the reviewer; `propose` also submits it for approval. */
  async function freshVerdictClaim({ propose = false } = {}) {
    const claim = await freshClaim();
    const saved = await saveClaim({ actor: reviewer, input: { claimId: claim.id, baseVersion: claim.version, fields: { ...emptyFields(), verdict: "false" } } });
    if (saved.status !== "saved") throw new Error("fixture: save failed");
    if (!propose) return saved.claim;
    const moved = await submitForApproval({ actor: reviewer, input: { claimId: claim.id, version: saved.claim.version } });
    if (moved.status !== "done") throw new Error("fixture: submit failed");
    return moved.claim;
  }

  /** A claim the reviewer deleted (restorable by editors). */
  async function freshDeletedClaim() {
    const claim = await freshClaim();
    const gone = await deleteClaim({ actor: reviewer, input: { claimId: claim.id, version: claim.version } });
    if (gone.status !== "deleted") throw new Error("fixture: delete failed");
    return gone.deleted;
  }

  /** A new article; `published` also publishes it (as the editor). */
  async function freshArticle({ published = false, sourceUrl }: { published?: boolean; sourceUrl?: string } = {}) {
    const { id } = await createArticle({ actor: editor, input: { title: "Matrix article", format: "text", body, ...(sourceUrl ? { sourceUrl } : {}) } });
    if (published) await publishArticle({ actor: editor, input: { articleId: id, scope: "approved" } });
    return id;
  }

  /** A live claim with a comment written by `caller`, so an allowed caller may edit or delete it. */
  async function freshComment(caller: Caller) {
    const claim = await freshClaim();
    const comment = await addComment({ actor: actorFor(caller), input: { articleId, claimId: claim.id, body: "A comment to change." } });
    return { claimId: claim.id, commentId: comment.id };
  }

  /** A claim whose words a text revision changed ("vast" → "large"), waiting for a re-check, with the new text. */
  async function freshChangedClaim() {
    const id = await freshArticle();
    const claim = await createClaim({ actor: reviewer, input: { articleId: id, start: 0, end: QUOTE.length, exact: QUOTE } });
    const steps = [{ stepType: "replace", from: 5, to: 9, slice: { content: [{ type: "text", text: "large" }] } }];
    const saved = await saveTextRevision({ actor: editor, input: { articleId: id, baseRevision: 1, steps } });
    if (saved.status !== "saved") throw new Error("fixture: text revision failed");
    return { claim: await getClaim({ claimId: claim.id }), plainText: saved.plainText };
  }

  /** A published article whose text was revised since: its open correction draft, with one change. */
  async function freshCorrectionDraft() {
    const id = await freshArticle({ published: true });
    const steps = [{ stepType: "replace", from: 5, to: 9, slice: { content: [{ type: "text", text: "large" }] } }];
    const saved = await saveTextRevision({ actor: editor, input: { articleId: id, baseRevision: 1, steps } });
    if (saved.status !== "saved") throw new Error("fixture: text revision failed");
    const draft = (await getCorrectionsPanel({ actor: editor, articleId: id })).draft;
    if (!draft) throw new Error("fixture: no correction draft");
    return { correctionId: draft.id, changeCount: draft.changes.length };
  }

  /** An account to administer (made by the admin through the domain layer). */
  async function freshAccount() {
    const { account } = await createAccount({ actor: admin, input: { name: "Target account", email: `target-${randomUUID()}@authz.test`, role: "reviewer" } });
    return account;
  }

  /** A verdict of its own, so renaming, moving or deleting it disturbs nothing else. */
  async function freshVerdict() {
    return createVerdict({ actor: admin, input: { label: `Matrix ${randomUUID().slice(0, 8)}`, description: "", color: "#334155", value: 0.5, icon: "circle" } });
  }

  /**
   * Each caller's API tokens, one per scope (the disabled caller's too: its
   * account's state must refuse it). `scope` picks which one API rows send.
   */
  const tokens = new Map<string, string>();
  for (const caller of ["reviewer", "editor", "admin", "disabled"] as const) {
    for (const scope of ["read", "write"] as const) {
      const { secret } = await createToken({ actor: actorFor(caller), input: { name: `Matrix ${caller} ${scope}`, scope, expiresInDays: 7 } });
      tokens.set(`${caller}:${scope}`, secret);
    }
  }
  const api = {
    scope: "write" as "read" | "write",
    /** A request to /api/v1 as the caller, with its token of the current scope (none for the anonymous caller). */
    request(caller: Caller, path: string, { method = "GET", body, type = "application/json", headers = {} }: { method?: string; body?: unknown; type?: string; headers?: Record<string, string> } = {}) {
      const h: Record<string, string> = { ...headers };
      if (caller !== "anonymous") h.authorization = `Bearer ${tokens.get(`${caller}:${api.scope}`)}`;
      if (body !== undefined) h["content-type"] = type;
      return new Request(`http://localhost:3999${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    },
  };

  /** A webhook endpoint of its own (registered by the admin), so disabling, rotating or deleting it disturbs nothing else. */
  async function freshWebhookEndpoint() {
    return (await createWebhookEndpoint({ actor: admin, input: { url: `https://hooks.example.com/${randomUUID()}`, events: ["claim.approved"] } })).endpoint;
  }

  /** A failed delivery to a fresh endpoint, for "Retry now". */
  async function freshFailedDelivery() {
    const endpoint = await freshWebhookEndpoint();
    const id = randomUUID().replaceAll("-", "");
    await (await getDb())
      .insert(webhookDeliveries)
      .values({ id, messageId: `msg_${id}`, endpointId: endpoint.id, eventType: "claim.approved", payload: "{}", status: "failed", attempts: 8, nextAttemptAt: Date.now() });
    return id;
  }

  /** Changing a password ends the caller's other sessions (the current one stays): put the matrix password back. */
  async function restorePassword(caller: Caller) {
    if (caller === "anonymous") return;
    await (await getDb()).update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, ids[caller]));
  }

  return {
    reviewer,
    editor,
    actorFor,
    api,
    freshAccount,
    freshArticle,
    freshVerdict,
    freshWebhookEndpoint,
    freshFailedDelivery,
    restorePassword,
    freshComment,
    articleId,
    otherArticleId,
    plainText,
    pagesOrigin: pages.origin,
    freshClaim,
    freshVerdictClaim,
    freshDeletedClaim,
    freshChangedClaim,
    freshCorrectionDraft,
    reviewerId: ids.reviewer,
    /** Calls with ids that are unknown or belong elsewhere; each must answer 404/403/400. */
    foreignIdProbes(): { name: string; run: () => Promise<Got> }[] {
      const unknown = randomUUID();
      return [
        { name: "save unknown claim", run: async () => status(await claimActions.saveClaimAction({ claimId: unknown, baseVersion: 1, fields: emptyFields() })) },
        { name: "delete unknown claim", run: async () => status(await claimActions.deleteClaimAction({ claimId: unknown, version: 1 })) },
        { name: "restore unknown claim", run: async () => status(await claimActions.restoreClaimAction({ claimId: unknown, version: 2 })) },
        {
          name: "comment on a claim of another article",
          run: async () => {
            const claim = await freshClaim(otherArticleId);
            return status(await discussionActions.addCommentAction({ articleId, claimId: claim.id, body: "Wrong article." }));
          },
        },
        {
          name: "edit someone else's comment",
          run: async () => {
            const { claimId, commentId } = await freshComment("reviewer");
            return status(await discussionActions.editCommentAction({ articleId, claimId, commentId, body: "Not mine." }));
          },
        },
        { name: "approve unknown claim", run: async () => status(await claimActions.approveClaimAction({ claimId: unknown, version: 2 })) },
        { name: "assign article to unknown user", run: async () => status(await claimActions.assignArticleAction({ articleId, assigneeId: unknown })) },
        { name: "role of unknown account", run: async () => status(await accountActions.setAccountRoleAction({ userId: unknown, role: "editor" })) },
        { name: "delete unknown verdict", run: async () => status(await verdictActions.deleteVerdictAction({ key: "no_such_verdict", replacement: "false" })) },
        {
          name: "export of unknown article",
          run: async () => {
            const response = await exportRoute.GET(new Request(`http://localhost:3999/api/articles/${unknown}/export/json`), { params: Promise.resolve({ id: unknown, format: "json" }) });
            return response.status;
          },
        },
        {
          name: "export in an unknown format",
          run: async () => {
            const response = await exportRoute.GET(new Request(`http://localhost:3999/api/articles/${articleId}/export/pdf`), { params: Promise.resolve({ id: articleId, format: "pdf" }) });
            return response.status;
          },
        },
        { name: "revisions of unknown article", run: async () => thrownStatus(() => loadRevisionsPage(unknown, {})) },
        { name: "revision of unknown article", run: async () => thrownStatus(() => loadRevisionPage(unknown, "1")) },
        { name: "revision the article does not have", run: async () => thrownStatus(() => loadRevisionPage(articleId, "99")) },
        { name: "revision that is not a number", run: async () => thrownStatus(() => loadRevisionPage(articleId, "1 OR 1=1")) },
        {
          name: "export of a revision the article does not have",
          run: async () => {
            const response = await exportRoute.GET(new Request(`http://localhost:3999/api/articles/${articleId}/export/json?revision=99`), { params: Promise.resolve({ id: articleId, format: "json" }) });
            return response.status;
          },
        },
        { name: "publish unknown article", run: async () => status(await publishActions.publishArticleAction({ articleId: unknown, scope: "approved" })) },
        { name: "history of unknown claim", run: async () => status(await discussionActions.claimHistoryAction({ articleId, claimId: unknown })) },
        {
          name: "use the verdict of an unknown claim",
          run: async () => {
            const claim = await freshClaim();
            return status(await matchingActions.adoptVerdictAction({ claimId: claim.id, version: claim.version, fromClaimId: unknown }));
          },
        },
        { name: "list claims of unknown article", run: async () => status(await claimActions.listClaimsAction({ articleId: "not-a-uuid" })) },
        {
          name: "create claim on unknown article",
          run: async () => status(await claimActions.createClaimAction({ articleId: unknown, start: 0, end: 3, exact: "The" })),
        },
      ];
    },
  };
}

function emptyFields() {
  return { claimAsChecked: QUOTE, claimant: "", verdict: null as string | null, rationale: "", sources: [] };
}

/** An action result as a matrix outcome. */
export function outcome(result: ActionResult<unknown>): Got {
  if (result.ok) return "allowed";
  if (result.error.code.startsWith("unauthorized")) return 401;
  if (result.error.code.startsWith("forbidden")) return 403;
  return result.error.code;
}

/** An error result as an HTTP-like status (for the foreign-id probes). */
function status(result: ActionResult<unknown>): Got {
  if (result.ok) return "allowed";
  const type = result.error.code.split(":")[0];
  return ({ unauthorized: 401, forbidden: 403, not_found: 404, bad_request: 400, conflict: 409 } as Record<string, number>)[type ?? ""] ?? result.error.code;
}

/** A route response as a matrix outcome. */
export function responseOutcome(response: Response): Got {
  if (response.status < 400) return "allowed";
  if (response.status === 401 || response.status === 403) return response.status;
  return response.status;
}

function importForm(title: string) {
  const form = new FormData();
  form.set("title", title);
  form.set("format", "text");
  form.set("body", "A short article body for the authorization matrix.");
  return form;
}

/** A page loader's refusal as an HTTP-like status (for the foreign-id probes). */
async function thrownStatus(load: () => Promise<unknown>): Promise<Got> {
  try {
    await load();
    return "allowed";
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return ({ unauthorized: 401, forbidden: 403, not_found: 404, bad_request: 400, conflict: 409 } as Record<string, number>)[error.type] ?? error.code;
  }
}

/** A page loader's outcome: its sign-in redirect counts as 401. */
async function pageOutcome(load: () => Promise<unknown>): Promise<Got> {
  try {
    await load();
    return "allowed";
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT") && digest.includes("/login")) return 401;
    throw error;
  }
}

/** `write`: an /api/v1 method that needs a write-scope token (a read token must get 403). */
type Row = { name: string; allowed: readonly Role[]; write?: boolean; run: (f: Fixtures, caller: Caller) => Promise<Got> };

const params = <P extends Record<string, string>>(p: P) => ({ params: Promise.resolve(p) });
const ifMatch = (claim: { version: number }) => ({ "if-match": `"v${claim.version}"` });

export const MATRIX: Row[] = [
  // ---------------------------------------------------------------- claims
  {
    name: "(desk)/articles/[id]/actions.ts#createClaimAction",
    allowed: ALL,
    run: async (f) => {
      const start = f.plainText.indexOf(QUOTE);
      return outcome(await claimActions.createClaimAction({ articleId: f.articleId, start, end: start + QUOTE.length, exact: QUOTE }));
    },
  },
  {
    name: "(desk)/articles/[id]/actions.ts#saveClaimAction",
    allowed: ALL,
    run: async (f) => {
      const claim = await f.freshClaim();
      return outcome(await claimActions.saveClaimAction({ claimId: claim.id, baseVersion: claim.version, fields: { ...emptyFields(), rationale: "Checked." } }));
    },
  },
  {
    name: "(desk)/articles/[id]/matching-actions.ts#checkedBeforeAction",
    allowed: ALL,
    run: async () => outcome(await matchingActions.checkedBeforeAction({ text: "The vast majority of Iraq’s provinces are controlled by militias." })),
  },
  {
    name: "(desk)/articles/[id]/matching-actions.ts#adoptVerdictAction",
    allowed: ALL,
    run: async (f) => {
      const [earlier, claim] = [await f.freshVerdictClaim(), await f.freshClaim()];
      return outcome(await matchingActions.adoptVerdictAction({ claimId: claim.id, version: claim.version, fromClaimId: earlier.id }));
    },
  },
  {
    name: "(desk)/articles/[id]/actions.ts#deleteClaimAction",
    allowed: ALL,
    run: async (f) => {
      const claim = await f.freshClaim();
      return outcome(await claimActions.deleteClaimAction({ claimId: claim.id, version: claim.version }));
    },
  },
  {
    name: "(desk)/articles/[id]/actions.ts#restoreClaimAction",
    allowed: EDITORS,
    run: async (f) => {
      const claim = await f.freshDeletedClaim();
      return outcome(await claimActions.restoreClaimAction({ claimId: claim.id, version: claim.version }));
    },
  },
  {
    name: "(desk)/articles/[id]/actions.ts#saveTextRevisionAction",
    allowed: EDITORS,
    run: async (f) => {
      const articleId = await f.freshArticle();
      const steps = [{ stepType: "replace", from: 1, to: 1, slice: { content: [{ type: "text", text: "Update: " }] } }];
      return outcome(await claimActions.saveTextRevisionAction({ articleId, baseRevision: 1, steps }));
    },
  },
  {
    name: "(desk)/articles/[id]/actions.ts#previewExternalRevisionAction",
    allowed: EDITORS,
    run: async (f) => {
      const articleId = await f.freshArticle();
      return outcome(await claimActions.previewExternalRevisionAction({ articleId, baseRevision: 1, format: "markdown", content: NEW_VERSION }));
    },
  },
  {
    name: "(desk)/articles/[id]/actions.ts#saveExternalRevisionAction",
    allowed: EDITORS,
    run: async (f) => {
      const articleId = await f.freshArticle();
      return outcome(await claimActions.saveExternalRevisionAction({ articleId, baseRevision: 1, format: "markdown", content: NEW_VERSION, note: "From the site" }));
    },
  },
  {
    name: "(desk)/articles/[id]/actions.ts#fetchVersionFromUrlAction",
    allowed: EDITORS,
    run: async (f) => {
      const articleId = await f.freshArticle({ sourceUrl: `${f.pagesOrigin}/news` });
      return outcome(await claimActions.fetchVersionFromUrlAction(articleId));
    },
  },
  {
    name: "(desk)/articles/[id]/actions.ts#touchTextEditingAction",
    allowed: EDITORS,
    run: async (f) => outcome(await claimActions.touchTextEditingAction({ articleId: f.articleId, sessionId: randomUUID() })),
  },
  {
    name: "(desk)/articles/[id]/actions.ts#stopTextEditingAction",
    allowed: EDITORS,
    run: async (f) => outcome(await claimActions.stopTextEditingAction({ articleId: f.articleId, sessionId: randomUUID() })),
  },
  {
    name: "(desk)/articles/[id]/actions.ts#textEditorsAction",
    allowed: ALL,
    run: async (f) => outcome(await claimActions.textEditorsAction({ articleId: f.articleId })),
  },
  {
    name: "api/articles/[id]/text-editing/route.ts#POST",
    allowed: EDITORS,
    run: async (f) => {
      const request = new Request(`http://localhost:3999/api/articles/${f.articleId}/text-editing`, { method: "POST", body: JSON.stringify({ sessionId: randomUUID() }) });
      return responseOutcome(await textEditingRoute.POST(request, params({ id: f.articleId })));
    },
  },
  {
    name: "(desk)/articles/[id]/actions.ts#acceptNewTextAction",
    allowed: ALL,
    run: async (f) => {
      const { claim } = await f.freshChangedClaim();
      return outcome(await claimActions.acceptNewTextAction({ claimId: claim.id, version: claim.version }));
    },
  },
  {
    name: "(desk)/articles/[id]/actions.ts#reanchorClaimAction",
    allowed: ALL,
    run: async (f) => {
      const { claim, plainText } = await f.freshChangedClaim();
      const words = "A second paragraph";
      const start = plainText.indexOf(words);
      return outcome(await claimActions.reanchorClaimAction({ claimId: claim.id, version: claim.version, revision: 2, start, end: start + words.length, exact: words }));
    },
  },
  {
    name: "(desk)/articles/[id]/actions.ts#listClaimsAction",
    allowed: ALL,
    run: async (f) => outcome(await claimActions.listClaimsAction({ articleId: f.articleId })),
  },
  // ---------------------------------------------------------------- workflow and assignment
  {
    name: "(desk)/articles/[id]/actions.ts#submitForApprovalAction",
    allowed: ALL,
    run: async (f) => {
      const claim = await f.freshVerdictClaim();
      return outcome(await claimActions.submitForApprovalAction({ claimId: claim.id, version: claim.version }));
    },
  },
  {
    name: "(desk)/articles/[id]/actions.ts#approveClaimAction",
    allowed: EDITORS,
    run: async (f) => {
      const claim = await f.freshVerdictClaim({ propose: true });
      return outcome(await claimActions.approveClaimAction({ claimId: claim.id, version: claim.version }));
    },
  },
  {
    name: "(desk)/articles/[id]/actions.ts#returnClaimAction",
    allowed: EDITORS,
    run: async (f) => {
      const claim = await f.freshVerdictClaim({ propose: true });
      return outcome(await claimActions.returnClaimAction({ claimId: claim.id, version: claim.version, reason: "Needs a second source." }));
    },
  },
  {
    name: "(desk)/articles/[id]/actions.ts#assignClaimAction",
    allowed: EDITORS,
    run: async (f) => {
      const claim = await f.freshClaim();
      return outcome(await claimActions.assignClaimAction({ claimId: claim.id, version: claim.version, assigneeId: f.reviewerId }));
    },
  },
  {
    name: "(desk)/articles/[id]/actions.ts#assignArticleAction",
    allowed: EDITORS,
    run: async (f) => outcome(await claimActions.assignArticleAction({ articleId: f.articleId, assigneeId: f.reviewerId })),
  },
  {
    name: "(desk)/articles/[id]/actions.ts#setArticleLanguageAction",
    allowed: EDITORS,
    run: async (f) => outcome(await claimActions.setArticleLanguageAction({ articleId: f.articleId, language: "ar" })),
  },
  {
    name: "(desk)/articles/[id]/actions.ts#bulkApproveAction",
    allowed: EDITORS,
    run: async (f) => {
      const claims = [await f.freshVerdictClaim({ propose: true }), await f.freshVerdictClaim({ propose: true })];
      return outcome(await claimActions.bulkApproveAction({ claimIds: claims.map((c) => c.id) }));
    },
  },
  {
    name: "(desk)/articles/[id]/actions.ts#bulkReturnAction",
    allowed: EDITORS,
    run: async (f) => {
      const claims = [await f.freshVerdictClaim({ propose: true }), await f.freshVerdictClaim({ propose: true })];
      return outcome(await claimActions.bulkReturnAction({ claimIds: claims.map((c) => c.id), reason: "Both need sources." }));
    },
  },
  {
    name: "(desk)/articles/[id]/actions.ts#bulkAssignAction",
    allowed: EDITORS,
    run: async (f) => {
      const claims = [await f.freshClaim(), await f.freshClaim()];
      return outcome(await claimActions.bulkAssignAction({ claimIds: claims.map((c) => c.id), assigneeId: f.reviewerId }));
    },
  },
  // ---------------------------------------------------------------- discussion and history
  {
    name: "(desk)/articles/[id]/discussion-actions.ts#listCommentsAction",
    allowed: ALL,
    run: async (f) => outcome(await discussionActions.listCommentsAction({ articleId: f.articleId, claimId: (await f.freshClaim()).id })),
  },
  {
    name: "(desk)/articles/[id]/discussion-actions.ts#addCommentAction",
    allowed: ALL,
    run: async (f) => outcome(await discussionActions.addCommentAction({ articleId: f.articleId, claimId: (await f.freshClaim()).id, body: "Checked the source." })),
  },
  {
    name: "(desk)/articles/[id]/discussion-actions.ts#editCommentAction",
    allowed: ALL,
    run: async (f, caller) => {
      const { claimId, commentId } = await f.freshComment(caller);
      return outcome(await discussionActions.editCommentAction({ articleId: f.articleId, claimId, commentId, body: "Edited." }));
    },
  },
  {
    name: "(desk)/articles/[id]/discussion-actions.ts#deleteCommentAction",
    allowed: ALL,
    run: async (f, caller) => {
      const { claimId, commentId } = await f.freshComment(caller);
      return outcome(await discussionActions.deleteCommentAction({ articleId: f.articleId, claimId, commentId }));
    },
  },
  {
    name: "(desk)/articles/[id]/discussion-actions.ts#claimHistoryAction",
    allowed: ALL,
    run: async (f) => outcome(await discussionActions.claimHistoryAction({ articleId: f.articleId, claimId: (await f.freshClaim()).id })),
  },
  // ---------------------------------------------------------------- accounts (admin)
  {
    name: "(desk)/admin/users/actions.ts#createAccountAction",
    allowed: ADMINS,
    run: async () => outcome(await accountActions.createAccountAction({ name: "New reviewer", email: `new-${randomUUID()}@authz.test`, role: "reviewer" })),
  },
  {
    name: "(desk)/admin/users/actions.ts#setAccountRoleAction",
    allowed: ADMINS,
    run: async (f) => outcome(await accountActions.setAccountRoleAction({ userId: (await f.freshAccount()).id, role: "editor" })),
  },
  {
    name: "(desk)/admin/users/actions.ts#setAccountDisabledAction",
    allowed: ADMINS,
    run: async (f) => outcome(await accountActions.setAccountDisabledAction({ userId: (await f.freshAccount()).id, disabled: true })),
  },
  {
    name: "(desk)/admin/users/actions.ts#resetAccountPasswordAction",
    allowed: ADMINS,
    run: async (f) => outcome(await accountActions.resetAccountPasswordAction({ userId: (await f.freshAccount()).id })),
  },
  {
    name: "(desk)/admin/users/actions.ts#signOutEverywhereAction",
    allowed: ADMINS,
    run: async (f) => outcome(await accountActions.signOutEverywhereAction({ userId: (await f.freshAccount()).id })),
  },
  {
    name: "(auth)/account/password/actions.ts#changePasswordAction",
    allowed: ALL,
    run: async (f, caller) => {
      const newPassword = `matrix-new-password-${caller}`;
      const got = outcome(await passwordActions.changePasswordAction({ currentPassword: MATRIX_PASSWORD, newPassword, confirmPassword: newPassword }));
      await f.restorePassword(caller);
      return got;
    },
  },
  {
    name: "(auth)/account/password/actions.ts#signOutOtherBrowsersAction",
    allowed: ALL,
    run: async () => outcome(await passwordActions.signOutOtherBrowsersAction()),
  },
  // ---------------------------------------------------------------- verdict scale (admin)
  // ---------------------------------------------------------------- webhooks (admins only)
  {
    name: "(desk)/admin/webhooks/actions.ts#listWebhooksAction",
    allowed: ADMINS,
    run: async () => outcome(await webhookActions.listWebhooksAction()),
  },
  {
    name: "(desk)/admin/webhooks/actions.ts#createWebhookEndpointAction",
    allowed: ADMINS,
    run: async () => outcome(await webhookActions.createWebhookEndpointAction({ url: `https://hooks.example.com/${randomUUID()}`, events: ["claim.approved"] })),
  },
  {
    name: "(desk)/admin/webhooks/actions.ts#setWebhookEndpointEnabledAction",
    allowed: ADMINS,
    run: async (f) => outcome(await webhookActions.setWebhookEndpointEnabledAction({ endpointId: (await f.freshWebhookEndpoint()).id, enabled: false })),
  },
  {
    name: "(desk)/admin/webhooks/actions.ts#rotateWebhookSecretAction",
    allowed: ADMINS,
    run: async (f) => outcome(await webhookActions.rotateWebhookSecretAction({ endpointId: (await f.freshWebhookEndpoint()).id })),
  },
  {
    name: "(desk)/admin/webhooks/actions.ts#deleteWebhookEndpointAction",
    allowed: ADMINS,
    run: async (f) => outcome(await webhookActions.deleteWebhookEndpointAction({ endpointId: (await f.freshWebhookEndpoint()).id })),
  },
  {
    name: "(desk)/admin/webhooks/actions.ts#retryWebhookDeliveryAction",
    allowed: ADMINS,
    run: async (f) => outcome(await webhookActions.retryWebhookDeliveryAction({ deliveryId: await f.freshFailedDelivery() })),
  },
  {
    name: "(desk)/admin/verdicts/actions.ts#createVerdictAction",
    allowed: ADMINS,
    run: async () =>
      outcome(await verdictActions.createVerdictAction({ label: `Created ${randomUUID().slice(0, 8)}`, description: "", color: "#334155", value: null, icon: "circle" })),
  },
  {
    name: "(desk)/admin/verdicts/actions.ts#updateVerdictAction",
    allowed: ADMINS,
    run: async (f) => {
      const v = await f.freshVerdict();
      return outcome(await verdictActions.updateVerdictAction({ key: v.key, fields: { label: `${v.label} renamed`, description: "", color: "#334155", value: 0.4, icon: "circle" } }));
    },
  },
  {
    name: "(desk)/admin/verdicts/actions.ts#moveVerdictAction",
    allowed: ADMINS,
    run: async (f) => outcome(await verdictActions.moveVerdictAction({ key: (await f.freshVerdict()).key, direction: "up" })),
  },
  {
    name: "(desk)/admin/verdicts/actions.ts#deleteVerdictAction",
    allowed: ADMINS,
    run: async (f) => outcome(await verdictActions.deleteVerdictAction({ key: (await f.freshVerdict()).key, replacement: "false" })),
  },
  // ---------------------------------------------------------------- export and publishing
  {
    name: "api/articles/[id]/export/[format]/route.ts#GET",
    allowed: ALL,
    run: async (f) => {
      // Every format; the first refusal (or failure) is the outcome.
      for (const format of EXPORT_FORMAT_KEYS) {
        // The current text, and an old revision of it (?revision=1).
        for (const query of ["scope=all", "scope=all&revision=1"]) {
          const request = new Request(`http://localhost:3999/api/articles/${f.articleId}/export/${format}?${query}`);
          const got = responseOutcome(await exportRoute.GET(request, { params: Promise.resolve({ id: f.articleId, format }) }));
          if (got !== "allowed") return got;
        }
      }
      return "allowed";
    },
  },
  {
    name: "(desk)/articles/[id]/publish-actions.ts#publishArticleAction",
    allowed: EDITORS,
    run: async (f) => outcome(await publishActions.publishArticleAction({ articleId: await f.freshArticle(), scope: "approved" })),
  },
  {
    name: "(desk)/articles/[id]/publish-actions.ts#unpublishArticleAction",
    allowed: EDITORS,
    run: async (f) => outcome(await publishActions.unpublishArticleAction({ articleId: await f.freshArticle({ published: true }) })),
  },
  {
    name: "(desk)/articles/[id]/correction-actions.ts#publishCorrectionAction",
    allowed: EDITORS,
    run: async (f) => outcome(await correctionActions.publishCorrectionAction({ ...(await f.freshCorrectionDraft()), kind: "correction", note: "We corrected the figure." })),
  },
  {
    name: "(desk)/articles/[id]/correction-actions.ts#discardCorrectionAction",
    allowed: EDITORS,
    run: async (f) => outcome(await correctionActions.discardCorrectionAction(await f.freshCorrectionDraft())),
  },
  // ---------------------------------------------------------------- pages
  {
    // Every role reads every article, so every role searches the whole desk.
    name: "(desk)/search/load.ts#loadSearchPage",
    allowed: ALL,
    run: async () => pageOutcome(() => loadSearchPage({ q: "Iraq's provinces", verdict: "false" })),
  },
  {
    // Every role that can open the article reads its revisions: the list and a comparison.
    name: "(desk)/articles/[id]/revisions/load.ts#loadRevisionsPage",
    allowed: ALL,
    run: async (f) => {
      const { claim } = await f.freshChangedClaim();
      return pageOutcome(async () => {
        const page = await loadRevisionsPage(claim.articleId, { from: "1", to: "2" });
        if (!page.comparison) throw new Error(`no comparison: ${page.compareError}`);
      });
    },
  },
  {
    name: "(desk)/articles/[id]/revisions/load.ts#loadRevisionPage",
    allowed: ALL,
    run: async (f) => {
      const { claim } = await f.freshChangedClaim();
      return pageOutcome(() => loadRevisionPage(claim.articleId, "1"));
    },
  },
  // ---------------------------------------------------------------- import
  {
    name: "(desk)/articles/import/actions.ts#importArticleAction",
    allowed: ALL,
    run: async (_f, caller) => outcome((await importActions.importArticleAction(null, importForm(`Imported by ${caller}`)))!),
  },
  {
    // Fetches and previews a page; stores nothing. Every signed-in role may import.
    name: "(desk)/articles/import/actions.ts#previewUrlAction",
    allowed: ALL,
    run: async (f) => outcome((await importActions.previewUrlAction(`${f.pagesOrigin}/news`))!),
  },
  // ---------------------------------------------------------------- API tokens (account page)
  {
    name: "(auth)/account/password/token-actions.ts#createTokenAction",
    allowed: ALL,
    run: async () => outcome(await tokenActions.createTokenAction({ name: "Matrix token", scope: "read", expiresInDays: 7 })),
  },
  {
    name: "(auth)/account/password/token-actions.ts#revokeTokenAction",
    allowed: ALL,
    run: async (f, caller) => {
      const { token } = await createToken({ actor: f.actorFor(caller), input: { name: "To revoke", scope: "read", expiresInDays: 7 } });
      return outcome(await tokenActions.revokeTokenAction({ tokenId: token.id }));
    },
  },
  // ---------------------------------------------------------------- HTTP API /api/v1 (bearer tokens)
  {
    // The dashboard's list: editors and admins, as the dashboard.
    name: "api/v1/articles/route.ts#GET",
    allowed: EDITORS,
    run: async (f, caller) => responseOutcome(await apiArticles.GET(f.api.request(caller, "/api/v1/articles?sort=title"))),
  },
  {
    name: "api/v1/articles/route.ts#POST",
    allowed: ALL,
    write: true,
    run: async (f, caller) =>
      responseOutcome(await apiArticles.POST(f.api.request(caller, "/api/v1/articles", { method: "POST", body: { title: `API import by ${caller}`, format: "text", body: "A short article." } }))),
  },
  {
    // The same route's other body: the server fetches the page (URL import).
    name: "api/v1/articles/route.ts#POST { url }",
    allowed: ALL,
    write: true,
    run: async (f, caller) => responseOutcome(await apiArticles.POST(f.api.request(caller, "/api/v1/articles", { method: "POST", body: { url: `${f.pagesOrigin}/news`, title: `URL import by ${caller}` } }))),
  },
  {
    name: "api/v1/articles/[id]/route.ts#GET",
    allowed: ALL,
    run: async (f, caller) => responseOutcome(await apiArticle.GET(f.api.request(caller, `/api/v1/articles/${f.articleId}`), params({ id: f.articleId }))),
  },
  {
    name: "api/v1/articles/[id]/claims/route.ts#GET",
    allowed: ALL,
    run: async (f, caller) => responseOutcome(await apiArticleClaims.GET(f.api.request(caller, `/api/v1/articles/${f.articleId}/claims`), params({ id: f.articleId }))),
  },
  {
    name: "api/v1/articles/[id]/claims/route.ts#POST",
    allowed: ALL,
    write: true,
    run: async (f, caller) => {
      const start = [...f.plainText.slice(0, f.plainText.indexOf(QUOTE))].length;
      const request = f.api.request(caller, `/api/v1/articles/${f.articleId}/claims`, { method: "POST", body: { start, end: start + [...QUOTE].length } });
      return responseOutcome(await apiArticleClaims.POST(request, params({ id: f.articleId })));
    },
  },
  {
    name: "api/v1/articles/[id]/revisions/route.ts#GET",
    allowed: ALL,
    run: async (f, caller) => responseOutcome(await apiRevisions.GET(f.api.request(caller, `/api/v1/articles/${f.articleId}/revisions`), params({ id: f.articleId }))),
  },
  {
    // A new version of the text: editors and admins, as in the workspace.
    name: "api/v1/articles/[id]/revisions/route.ts#POST",
    allowed: EDITORS,
    write: true,
    run: async (f, caller) => {
      const id = await f.freshArticle();
      const tag = articleEtag(articleRepresentation(await getArticle({ articleId: id })));
      const request = f.api.request(caller, `/api/v1/articles/${id}/revisions`, { method: "POST", body: { format: "text", content: NEW_VERSION }, headers: { "if-match": tag } });
      return responseOutcome(await apiRevisions.POST(request, params({ id })));
    },
  },
  {
    // The same route's other body: the new version fetched from a page (as Refresh from URL).
    name: "api/v1/articles/[id]/revisions/route.ts#POST { url }",
    allowed: EDITORS,
    write: true,
    run: async (f, caller) => {
      const id = await f.freshArticle();
      const tag = articleEtag(articleRepresentation(await getArticle({ articleId: id })));
      const request = f.api.request(caller, `/api/v1/articles/${id}/revisions`, { method: "POST", body: { url: `${f.pagesOrigin}/news` }, headers: { "if-match": tag } });
      return responseOutcome(await apiRevisions.POST(request, params({ id })));
    },
  },
  {
    name: "api/v1/articles/[id]/revisions/[number]/route.ts#GET",
    allowed: ALL,
    run: async (f, caller) =>
      responseOutcome(await apiRevision.GET(f.api.request(caller, `/api/v1/articles/${f.articleId}/revisions/1`), params({ id: f.articleId, number: "1" }))),
  },
  {
    name: "api/v1/articles/[id]/export/[format]/route.ts#GET",
    allowed: ALL,
    run: async (f, caller) =>
      responseOutcome(await apiExport.GET(f.api.request(caller, `/api/v1/articles/${f.articleId}/export/claimreview`), params({ id: f.articleId, format: "claimreview" }))),
  },
  {
    name: "api/v1/claims/[id]/route.ts#GET",
    allowed: ALL,
    run: async (f, caller) => {
      const claim = await f.freshClaim();
      return responseOutcome(await apiClaim.GET(f.api.request(caller, `/api/v1/claims/${claim.id}`), params({ id: claim.id })));
    },
  },
  {
    name: "api/v1/claims/[id]/route.ts#PATCH",
    allowed: ALL,
    write: true,
    run: async (f, caller) => {
      const claim = await f.freshClaim();
      const request = f.api.request(caller, `/api/v1/claims/${claim.id}`, { method: "PATCH", body: { rationale: "Checked." }, type: "application/merge-patch+json", headers: ifMatch(claim) });
      return responseOutcome(await apiClaim.PATCH(request, params({ id: claim.id })));
    },
  },
  {
    name: "api/v1/claims/[id]/route.ts#DELETE",
    allowed: ALL,
    write: true,
    run: async (f, caller) => {
      const claim = await f.freshClaim();
      return responseOutcome(await apiClaim.DELETE(f.api.request(caller, `/api/v1/claims/${claim.id}`, { method: "DELETE", headers: ifMatch(claim) }), params({ id: claim.id })));
    },
  },
  {
    name: "api/v1/claims/[id]/submit/route.ts#POST",
    allowed: ALL,
    write: true,
    run: async (f, caller) => {
      const claim = await f.freshVerdictClaim();
      return responseOutcome(await apiSubmit.POST(f.api.request(caller, `/api/v1/claims/${claim.id}/submit`, { method: "POST", headers: ifMatch(claim) }), params({ id: claim.id })));
    },
  },
  {
    name: "api/v1/claims/[id]/approve/route.ts#POST",
    allowed: EDITORS,
    write: true,
    run: async (f, caller) => {
      const claim = await f.freshVerdictClaim({ propose: true });
      return responseOutcome(await apiApprove.POST(f.api.request(caller, `/api/v1/claims/${claim.id}/approve`, { method: "POST", headers: ifMatch(claim) }), params({ id: claim.id })));
    },
  },
  {
    name: "api/v1/claims/[id]/return/route.ts#POST",
    allowed: EDITORS,
    write: true,
    run: async (f, caller) => {
      const claim = await f.freshVerdictClaim({ propose: true });
      const request = f.api.request(caller, `/api/v1/claims/${claim.id}/return`, { method: "POST", body: { reason: "Needs a second source." }, headers: ifMatch(claim) });
      return responseOutcome(await apiReturn.POST(request, params({ id: claim.id })));
    },
  },
  {
    name: "api/v1/claims/[id]/comments/route.ts#GET",
    allowed: ALL,
    run: async (f, caller) => {
      const claim = await f.freshClaim();
      return responseOutcome(await apiComments.GET(f.api.request(caller, `/api/v1/claims/${claim.id}/comments`), params({ id: claim.id })));
    },
  },
  {
    name: "api/v1/claims/[id]/comments/route.ts#POST",
    allowed: ALL,
    write: true,
    run: async (f, caller) => {
      const claim = await f.freshClaim();
      return responseOutcome(await apiComments.POST(f.api.request(caller, `/api/v1/claims/${claim.id}/comments`, { method: "POST", body: { body: "Checked." } }), params({ id: claim.id })));
    },
  },
  {
    name: "api/v1/search/route.ts#GET",
    allowed: ALL,
    run: async (f, caller) => responseOutcome(await apiSearch.GET(f.api.request(caller, "/api/v1/search?q=militias"))),
  },
  {
    name: "api/v1/checked-before/route.ts#GET",
    allowed: ALL,
    run: async (f, caller) => responseOutcome(await apiCheckedBefore.GET(f.api.request(caller, "/api/v1/checked-before?text=militias+seized+the+port"))),
  },
];
