/**
 * The desk's default verdict scale, kept in one place so a later issue can make
 * it configurable. `value` places each verdict on a 0–1 truthfulness scale
 * (null where the verdict says nothing about truth). Colour is never the only
 * signal: every place that shows a verdict also shows its label and icon.
 */
export const VERDICTS = [
  { key: "true", label: "True", description: "The claim is accurate and nothing significant is missing.", color: "#15803d", value: 1, icon: "check-circle" },
  { key: "mostly_true", label: "Mostly true", description: "Accurate, but needs clarification or additional information.", color: "#4d7c0f", value: 0.75, icon: "check" },
  { key: "half_true", label: "Half true", description: "Partially accurate, but leaves out important details or takes things out of context.", color: "#a16207", value: 0.5, icon: "circle-half" },
  { key: "mostly_false", label: "Mostly false", description: "Contains an element of truth but ignores facts that would give a different impression.", color: "#c2410c", value: 0.25, icon: "alert-triangle" },
  { key: "false", label: "False", description: "The claim is not accurate.", color: "#b91c1c", value: 0, icon: "x-circle" },
  { key: "misleading", label: "Misleading", description: "Built on true facts, but framed to lead to a false conclusion.", color: "#7e22ce", value: 0.2, icon: "shuffle" },
  { key: "unverifiable", label: "Unverifiable", description: "The available evidence can neither prove nor disprove the claim.", color: "#475569", value: null, icon: "help-circle" },
] as const;

export type VerdictKey = (typeof VERDICTS)[number]["key"];
export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_KEYS = VERDICTS.map((v) => v.key) as [VerdictKey, ...VerdictKey[]];

export function getVerdict(key: string | null | undefined): Verdict | undefined {
  return VERDICTS.find((v) => v.key === key);
}

/** Workflow statuses of a claim. Only editors and admins may set `approved`. */
export const CLAIM_STATUSES = [
  { key: "open", label: "Open" },
  { key: "in_review", label: "In review" },
  { key: "verdict_proposed", label: "Verdict proposed" },
  { key: "approved", label: "Approved" },
] as const;

export type ClaimStatus = (typeof CLAIM_STATUSES)[number]["key"];
export const CLAIM_STATUS_KEYS = CLAIM_STATUSES.map((s) => s.key) as [ClaimStatus, ...ClaimStatus[]];

export function statusLabel(key: string): string {
  return CLAIM_STATUSES.find((s) => s.key === key)?.label ?? key;
}

export const SOURCE_STANCES = [
  { key: "supports", label: "Supports the claim" },
  { key: "refutes", label: "Refutes the claim" },
  { key: "context", label: "Context" },
] as const;

export type SourceStance = (typeof SOURCE_STANCES)[number]["key"];
export const SOURCE_STANCE_KEYS = SOURCE_STANCES.map((s) => s.key) as [SourceStance, ...SourceStance[]];

export const ROLES = ["reviewer", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];
