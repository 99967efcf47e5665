/**
 * The corrections log of a published fact-check: what a correction entry
 * records and how it reads. Framework-free: the domain layer
 * (db/queries/corrections.ts) drafts and publishes entries, the exporters and
 * the published page describe them with `describeChange`.
 *
 * An entry is drafted by the desk itself, never typed: once an article has
 * been published, each new text revision and each change to an approved
 * claim's verdict appends a CorrectionChange to the article's open draft. An
 * editor then writes the public note, chooses Correction (something we said
 * was wrong) or Clarification (something we said was unclear or incomplete),
 * and publishes it.
 */
import { z } from "@/lib/zod";

export const CORRECTION_KINDS = ["correction", "clarification"] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];

export const CORRECTION_KIND_LABELS: Record<CorrectionKind, string> = { correction: "Correction", clarification: "Clarification" };

export const MAX_CORRECTION_NOTE_LENGTH = 2000;
/** Changes one entry may hold: a draft left open for months stays readable, and its JSON small. */
export const MAX_CORRECTION_CHANGES = 200;
/** Claims one text change lists by name; the rest are counted. */
export const MAX_TEXT_CHANGE_CLAIMS = 100;
/** Quotes kept in a change are cut here: the log says what changed, the revisions keep the full text. */
export const MAX_CHANGE_QUOTE = 1000;

/** A claim whose words a text revision changed (`after` is the new wording) or removed (`after` is ""). */
export type ChangedClaimText = { claimId: string | null; state: "changed" | "orphaned"; before: string; after: string };

export type CorrectionChange =
  /** A new revision of the article text. */
  | { type: "text"; at: string; revision: number; claims: ChangedClaimText[]; /** Claims affected beyond those listed. */ more?: number }
  /** An approved claim's verdict, claim as checked or rationale changed (the claim left Approved). */
  | {
      type: "claim";
      at: string;
      claimId: string | null;
      /** The claim's quoted words when it changed. */
      quote: string;
      verdict?: { before: string | null; after: string | null };
      claimAsChecked?: { before: string; after: string };
      rationale?: { before: string; after: string };
      /** The approved claim was deleted: its verdict no longer stands on the page. */
      withdrawn?: true;
    };

export const clip = (text: string, max = MAX_CHANGE_QUOTE) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const at = z.string().max(40);
const quote = z.string().max(MAX_CHANGE_QUOTE + 10);
const claimRef = z.string().max(100).nullable().default(null);

/** A change as read back from a file (Claimdesk JSON import): shape and sizes checked, nothing else trusted. */
export const correctionChangeSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("text"),
    at,
    revision: z.number().int().positive(),
    claims: z
      .array(z.object({ claimId: claimRef, state: z.enum(["changed", "orphaned"]), before: quote, after: quote }))
      .max(MAX_TEXT_CHANGE_CLAIMS),
    more: z.number().int().nonnegative().optional(),
  }),
  z.object({
    type: z.literal("claim"),
    at,
    claimId: claimRef,
    quote,
    verdict: z.object({ before: z.string().max(64).nullable(), after: z.string().max(64).nullable() }).optional(),
    claimAsChecked: z.object({ before: z.string().max(5000), after: z.string().max(5000) }).optional(),
    rationale: z.object({ before: z.string().max(50_000), after: z.string().max(50_000) }).optional(),
    withdrawn: z.literal(true).optional(),
  }),
]);

export const correctionNoteSchema = z
  .string({ message: "Write the public note: what was wrong or unclear, and what the fact-check says now." })
  .trim()
  .min(1, "Write the public note: what was wrong or unclear, and what the fact-check says now.")
  .max(MAX_CORRECTION_NOTE_LENGTH, `Keep the note under ${MAX_CORRECTION_NOTE_LENGTH.toLocaleString("en-GB")} characters.`);

export const correctionKindSchema = z.enum(CORRECTION_KINDS, { message: "Choose “Correction” or “Clarification”." });

/** A change in words, for readers: a headline and old → new pairs. */
export type DescribedChange = { summary: string; details: { label: string; before: string; after: string }[] };

/**
 * Describes one change. `label` turns a verdict key into its label on the
 * desk's scale. Rationales are long and the current one is on the page: the
 * log says that it was revised, not its old text.
 */
export function describeChange(change: CorrectionChange, label: (key: string | null) => string): DescribedChange {
  if (change.type === "text") {
    const n = change.claims.length + (change.more ?? 0);
    const summary = `The article text was revised (revision ${change.revision})${n ? `; ${n} checked ${n === 1 ? "claim was" : "claims were"} affected.` : "."}`;
    return {
      summary,
      details: change.claims.map((c) =>
        c.state === "orphaned" ? { label: "Claim text removed", before: c.before, after: "" } : { label: "Claim text changed", before: c.before, after: c.after },
      ),
    };
  }
  const details: DescribedChange["details"] = [];
  if (change.withdrawn) {
    if (change.verdict) details.push({ label: "Verdict", before: label(change.verdict.before), after: "Withdrawn" });
    return { summary: `The claim “${clip(change.quote, 200)}” was withdrawn from the fact-check.`, details };
  }
  if (change.verdict) details.push({ label: "Verdict", before: label(change.verdict.before), after: label(change.verdict.after) });
  if (change.claimAsChecked) details.push({ label: "Claim as checked", before: change.claimAsChecked.before, after: change.claimAsChecked.after });
  const what = change.verdict ? "verdict" : change.claimAsChecked ? "claim as checked" : "rationale";
  const summary = `The ${what} of the claim “${clip(change.quote, 200)}” was changed${change.rationale && what !== "rationale" ? ", and its rationale revised" : ""}.`;
  return { summary, details };
}

/** The claim ids a change is about. */
export function changedClaimIds(change: CorrectionChange): string[] {
  if (change.type === "text") return change.claims.flatMap((c) => (c.claimId ? [c.claimId] : []));
  return change.claimId ? [change.claimId] : [];
}
