import { deleteClaim, getClaim, saveClaim } from "@/db/queries/claims";
import { applyClaimPatch } from "@/lib/api/claims";
import { claimEtag } from "@/lib/api/resources";
import { apiJson, conditionalGet, ifMatchVersion, readBodyAs, runApiRoute, staleResponse } from "@/lib/api/route";
import { claimMergePatch } from "@/lib/api/schemas";
import { claimFieldsOf } from "@/lib/claims";

type Context = { params: Promise<{ id: string }> };

/** GET /api/v1/claims/{id} — with its version as ETag; If-None-Match → 304. */
export const GET = (request: Request, { params }: Context) =>
  runApiRoute(request, async () => {
    const { id } = await params;
    const claim = await getClaim({ claimId: id });
    return conditionalGet(request, claim, claimEtag(claim));
  });

/**
 * PATCH /api/v1/claims/{id} — a JSON merge patch of the claim's fields
 * (application/merge-patch+json), saved only if If-Match still names the
 * claim's version: the same guarded save as the editor's autosave, so a
 * colleague's save in between is never overwritten (412 with theirs).
 */
export const PATCH = (request: Request, { params }: Context) =>
  runApiRoute(
    request,
    async ({ user }) => {
      const { id } = await params;
      const current = await getClaim({ claimId: id });
      const baseVersion = ifMatchVersion(request, current);
      const patch = await readBodyAs(request, claimMergePatch, { mediaTypes: ["application/merge-patch+json"] });
      const result = await saveClaim({ actor: user, input: { claimId: id, baseVersion, fields: applyClaimPatch(claimFieldsOf(current), patch) }, current });
      if (result.status === "conflict") return staleResponse(result.current);
      return apiJson(result.claim, { etag: claimEtag(result.claim) });
    },
    { write: true },
  );

/** DELETE /api/v1/claims/{id}[?reason=…] — soft delete on the version If-Match names (an approved claim needs a reason). */
export const DELETE = (request: Request, { params }: Context) =>
  runApiRoute(
    request,
    async ({ user }) => {
      const { id } = await params;
      const current = await getClaim({ claimId: id });
      const version = ifMatchVersion(request, current);
      const reason = new URL(request.url).searchParams.get("reason") ?? undefined;
      const result = await deleteClaim({ actor: user, input: { claimId: id, version, reason } });
      if (result.status === "conflict") return staleResponse(result.current);
      return new Response(null, { status: 204 });
    },
    { write: true },
  );
