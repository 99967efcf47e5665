/**
 * What the API adds to the claim domain, as pure functions: where a claim
 * given by quote or by code-point range sits in the article's text, and a
 * JSON merge patch (RFC 7396) applied to a claim's fields. The results go to
 * the same createClaim / saveClaim as the editor's. Framework-free.
 */
import { randomUUID } from "node:crypto";
import { createTextModel } from "@/lib/anchoring";
import { findExactOccurrences } from "@/lib/anchoring/match-quote";
import type { ClaimFields } from "@/lib/claims";
import { AppError } from "@/lib/errors";
import type { z } from "@/lib/zod";
import type { claimCreateBody, claimMergePatch } from "./schemas";

/** The claim's range in UTF-16 offsets (as createClaim takes it) and the text there. */
export type ResolvedRange = { start: number; end: number; exact: string };

export function resolveClaimRange(plainText: string, body: z.output<typeof claimCreateBody>): ResolvedRange {
  const model = createTextModel(plainText);
  if ("start" in body) {
    if (body.end <= body.start || body.end > model.lengthCodePoints) {
      throw new AppError("bad_request:claim", `The range must satisfy 0 ≤ start < end ≤ ${model.lengthCodePoints}, the article's length in code points.`, { end: "Outside the article's text." });
    }
    const start = model.toUtf16(body.start);
    const end = model.toUtf16(body.end);
    return { start, end, exact: plainText.slice(start, end) };
  }
  const { quote, prefix = "", suffix = "" } = body;
  const all = findExactOccurrences(plainText, quote);
  if (all.length === 0) throw new AppError("bad_request:claim", "The quote does not occur in the article's text. Quote it exactly, or give start and end.", { quote: "Not in the article's text." });
  // Context compared in place at each occurrence.
  const fits = all.filter((at) => at >= prefix.length && plainText.startsWith(prefix, at - prefix.length) && plainText.startsWith(suffix, at + quote.length));
  if (fits.length !== 1) {
    const message =
      fits.length === 0
        ? "The quote occurs in the article, but not with that prefix and suffix around it."
        : `The quote occurs ${fits.length} times in the article. Add a prefix or suffix (the words just before or after it) to say which one.`;
    throw new AppError("bad_request:claim", message, { quote: message });
  }
  return { start: fits[0]!, end: fits[0]! + quote.length, exact: quote };
}

/** The claim's fields after the patch: absent members stay, null members are cleared, `sources` is replaced whole. */
export function applyClaimPatch(current: ClaimFields, patch: z.output<typeof claimMergePatch>): ClaimFields {
  const next: ClaimFields = { ...current, sources: current.sources.map((s) => ({ ...s })) };
  if (patch.claimAsChecked !== undefined) next.claimAsChecked = patch.claimAsChecked;
  if (patch.claimant !== undefined) next.claimant = patch.claimant ?? "";
  if (patch.verdict !== undefined) next.verdict = patch.verdict;
  if (patch.rationale !== undefined) next.rationale = patch.rationale ?? "";
  if (patch.sources !== undefined) {
    next.sources = (patch.sources ?? []).map((s) => ({ ...s, id: s.id ?? randomUUID(), accessedOn: s.accessedOn ?? null }));
  }
  return next;
}
