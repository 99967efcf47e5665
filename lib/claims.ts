import { z } from "@/lib/zod";
import type { ClaimSelectors } from "@/lib/anchoring";
import { httpUrlSchema, isoDateSchema } from "@/lib/validation";
import { SOURCE_STANCE_KEYS, type ClaimStatus, type SourceStance, type VerdictKey } from "@/lib/verdicts";

/** The shapes the claim editor works with, shared by server and browser. */
export type SourceDto = {
  id: string;
  url: string;
  title: string;
  publisher: string;
  excerpt: string;
  stance: SourceStance;
  accessedOn: string | null;
};

export type ClaimFields = {
  claimAsChecked: string;
  claimant: string;
  verdict: VerdictKey | null;
  rationale: string;
  sources: SourceDto[];
};

/**
 * A claim as the server holds it. `status` is not an editable field: it moves
 * only through the workflow transitions (db/queries/workflow.ts) and the
 * reopen rule of saveClaim.
 */
export type ClaimDto = ClaimFields & {
  id: string;
  articleId: string;
  selectors: ClaimSelectors;
  status: ClaimStatus;
  version: number;
  /** When and by whom the claim was marked (set by the server from the session, never from a client). */
  createdAt: string;
  createdByName: string | null;
  updatedAt: string;
  updatedByName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  /** Who proposed the current verdict (submitted it, or last changed it while proposed). */
  proposedBy: string | null;
  proposedByName: string | null;
  proposedAt: string | null;
  approvedByName: string | null;
  approvedAt: string | null;
  /**
   * "changed" or "orphaned" while a text revision left the claim for a person
   * to re-check (the "Needs re-check" list); absent or "unchanged" otherwise.
   */
  anchorState?: "unchanged" | "changed" | "orphaned";
  /** While it needs a re-check: the quote its verdict was given on (the diff's old side). */
  recheckQuote?: string | null;
};

export type SaveClaimResult = { status: "saved"; claim: ClaimDto } | { status: "conflict"; current: ClaimDto };

export const MAX_SOURCES = 50;
export const MAX_QUOTE_LENGTH = 5000;

export const sourceSchema = z.object({
  id: z.uuid({ message: "Not a valid source id." }),
  url: httpUrlSchema,
  title: z.string().trim().max(500, "Keep the title under 500 characters."),
  publisher: z.string().trim().max(200, "Keep the publisher under 200 characters."),
  excerpt: z.string().max(10_000, "Keep the excerpt under 10,000 characters."),
  stance: z.enum(SOURCE_STANCE_KEYS, { message: "Choose supports, refutes or context." }),
  accessedOn: z.union([z.literal("").transform(() => null), isoDateSchema]).nullable(),
});

export const claimFieldsSchema = z.object({
  claimAsChecked: z.string().trim().min(1, "Say what claim was checked.").max(5000, "Keep the claim under 5,000 characters."),
  claimant: z.string().trim().max(300, "Keep the claimant under 300 characters."),
  // Checked against the desk's scale (a database table) by the domain layer.
  verdict: z.string({ message: "Choose a verdict from the scale." }).min(1).max(64, "Choose a verdict from the scale.").nullable(),
  rationale: z.string().max(50_000, "Keep the rationale under 50,000 characters."),
  sources: z.array(sourceSchema).max(MAX_SOURCES, `A claim can have at most ${MAX_SOURCES} sources.`),
});

export const saveClaimSchema = z.object({
  claimId: z.uuid({ message: "Not a valid claim id." }),
  baseVersion: z.number().int().positive(),
  fields: claimFieldsSchema,
});

export const createClaimSchema = z.object({
  articleId: z.uuid({ message: "Not a valid article id." }),
  /** The article revision the selection was made on; absent means the current one. */
  revision: z.number().int().positive().optional(),
  /** UTF-16 offsets into the article's plain text, as the editor sees them. */
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  /** The text the reviewer selected: the server checks it against its own copy. */
  exact: z.string().min(1).max(MAX_QUOTE_LENGTH, `A claim can quote at most ${MAX_QUOTE_LENGTH} characters.`),
});

export function claimFieldsOf(claim: ClaimFields): ClaimFields {
  return {
    claimAsChecked: claim.claimAsChecked,
    claimant: claim.claimant,
    verdict: claim.verdict,
    rationale: claim.rationale,
    sources: claim.sources.map((s) => ({ ...s })),
  };
}

/** Field-by-field difference, as stored in the audit trail and shown on conflict. */
export function diffClaimFields(before: ClaimFields, after: ClaimFields): Partial<Record<keyof ClaimFields, { before: unknown; after: unknown }>> {
  const diff: Partial<Record<keyof ClaimFields, { before: unknown; after: unknown }>> = {};
  for (const key of ["claimAsChecked", "claimant", "verdict", "rationale", "sources"] as const) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) diff[key] = { before: before[key], after: after[key] };
  }
  return diff;
}
