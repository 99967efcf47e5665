/** Icons a verdict can carry (rendered by components/verdict-badge.tsx). */
export const VERDICT_ICON_KEYS = [
  "check-circle",
  "check",
  "circle-half",
  "alert-triangle",
  "x-circle",
  "shuffle",
  "help-circle",
  "circle",
] as const;
export type VerdictIcon = (typeof VERDICT_ICON_KEYS)[number];

/** One step of the desk's verdict scale (stored in the verdict_scale table). */
export type VerdictScaleEntry = {
  key: string;
  label: string;
  description: string;
  /** #rrggbb; never the only signal: every place that shows a verdict shows its label and icon too. */
  color: string;
  /** Position on a 0–1 truthfulness scale (1 = true); null where the verdict says nothing about truth. */
  value: number | null;
  icon: VerdictIcon;
  position: number;
};
export type VerdictScale = readonly VerdictScaleEntry[];

/**
 * The scale a new desk starts with (seeded by migration 0001). Admins can
 * edit it; code must read the desk's scale from the database
 * (`getVerdictScale` in db/queries/verdict-scale.ts, `useVerdictScale` in the
 * browser) and use this only as the seed and in tests.
 */
export const DEFAULT_VERDICT_SCALE: VerdictScale = [
  { key: "true", label: "True", description: "The claim is accurate and nothing significant is missing.", color: "#15803d", value: 1, icon: "check-circle", position: 0 },
  { key: "mostly_true", label: "Mostly true", description: "Accurate, but needs clarification or additional information.", color: "#4d7c0f", value: 0.75, icon: "check", position: 1 },
  { key: "half_true", label: "Half true", description: "Partially accurate, but leaves out important details or takes things out of context.", color: "#a16207", value: 0.5, icon: "circle-half", position: 2 },
  { key: "mostly_false", label: "Mostly false", description: "Contains an element of truth but ignores facts that would give a different impression.", color: "#c2410c", value: 0.25, icon: "alert-triangle", position: 3 },
  { key: "misleading", label: "Misleading", description: "Built on true facts, but framed to lead to a false conclusion.", color: "#7e22ce", value: 0.2, icon: "shuffle", position: 4 },
  { key: "false", label: "False", description: "The claim is not accurate.", color: "#b91c1c", value: 0, icon: "x-circle", position: 5 },
  { key: "unverifiable", label: "Unverifiable", description: "The available evidence can neither prove nor disprove the claim.", color: "#475569", value: null, icon: "help-circle", position: 6 },
];

/** A verdict key as stored on a claim: any key of the desk's scale. */
export type VerdictKey = string;

export function getVerdict(scale: VerdictScale, key: string | null | undefined): VerdictScaleEntry | undefined {
  if (!key) return undefined;
  return scale.find((v) => v.key === key);
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
