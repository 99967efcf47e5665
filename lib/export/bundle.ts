/**
 * What every export format is rendered from: one article, its claims in
 * document order and the desk's verdict scale, loaded once by
 * `loadExportBundle` (db/queries/export.ts). The renderers in this folder are
 * pure functions of a bundle: no database, no clock, no network.
 */
import type { DocNode } from "@/lib/article-text";
import type { CorrectionChange, CorrectionKind } from "@/lib/corrections";
import type { ClaimStatus, SourceStance, VerdictKey, VerdictScale } from "@/lib/verdicts";

/** "all": every live claim; "approved": only claims an editor approved. */
export type ExportScope = "all" | "approved";
export const EXPORT_SCOPES = ["all", "approved"] as const satisfies readonly ExportScope[];

export function scopeLabel(scope: ExportScope): string {
  return scope === "approved" ? "Approved claims only" : "All claims";
}

export type ExportSource = {
  url: string;
  title: string;
  publisher: string;
  excerpt: string;
  stance: SourceStance;
  /** YYYY-MM-DD or null. */
  accessedOn: string | null;
};

export type ExportClaim = {
  id: string;
  /** W3C TextQuoteSelector fields over `article.plainText`. */
  quote: { exact: string; prefix: string; suffix: string };
  /** W3C TextPositionSelector: Unicode code points over `article.plainText`, end exclusive, as stored. */
  position: { start: number; end: number };
  /** "orphaned" when a text revision removed the claim's words: it is listed apart, never searched for in the text. */
  anchorState?: "unchanged" | "changed" | "orphaned";
  claimAsChecked: string;
  claimant: string;
  verdict: VerdictKey | null;
  rationale: string;
  status: ClaimStatus;
  createdAt: string;
  updatedAt: string;
  createdByName: string | null;
  approvedAt: string | null;
  approvedByName: string | null;
  sources: ExportSource[];
};

export type ExportArticle = {
  id: string;
  title: string;
  sourceUrl: string | null;
  publisher: string | null;
  author: string | null;
  /** YYYY-MM-DD as printed by the publisher. */
  publishedOn: string | null;
  /** BCP 47 tag of the article's language; "und" when not determined. */
  language: string;
  createdAt: string;
  updatedAt: string;
  plainText: string;
  /** The ProseMirror/TipTap JSON document (lib/article-schema.ts). */
  content: DocNode;
  textHash: string;
  /** When the article was published at /published/{id}; null if not published. */
  publishedAt: string | null;
  /** Which claims the published page shows ("approved" or "all"); null if not published. */
  publishedScope: ExportScope | null;
};

/** One revision of the article's text, as its history lists it (the text itself is the article's, for the current one only). */
export type ExportRevision = {
  number: number;
  /** ISO-8601 UTC. */
  createdAt: string;
  /** Who made it, as a name: never an account id (an import takes it as text, not as authority). */
  authorName: string | null;
  note: string;
  /** The import, an edit in the editor, or a version brought in from outside. */
  source: "import" | "editor" | "outside";
};

/** A published entry of the article's corrections log. */
export type ExportCorrection = {
  id: string;
  kind: CorrectionKind;
  /** The editor's public note. */
  note: string;
  publishedAt: string;
  /** Desk exports only; the public page names no staff. Null for imported entries. */
  publishedByName: string | null;
  /** Came from a Claimdesk JSON file: published elsewhere, not by this desk. */
  imported: boolean;
  changes: CorrectionChange[];
};

export type ExportBundle = {
  article: ExportArticle;
  /** The article's revisions, oldest first; absent where a renderer's test builds a bundle by hand. */
  revisions?: ExportRevision[];
  /** Live (not deleted) claims in document order (position start, then end). */
  claims: ExportClaim[];
  scale: VerdictScale;
  /** The published corrections log, newest first; absent or empty when there is none. */
  corrections?: ExportCorrection[];
  scope: ExportScope;
  /** ISO-8601 UTC timestamp of the export. */
  exportedAt: string;
  /**
   * True when the desk uses the approval workflow: ClaimReview then lists only
   * approved claims. False: every claim with a verdict, flagged as unapproved.
   */
  workflow: boolean;
  /** The fact-checking organisation (env ORGANIZATION_NAME / ORGANIZATION_URL). */
  organization: { name: string; url: string };
  /** The app's origin (e.g. http://localhost:3000), for IRIs. */
  origin: string;
  /**
   * `${origin}/published/${article.id}`, whether or not the article is
   * published: links in exports go through lib/export/links.ts, which
   * only uses it when the page exists.
   */
  publishedUrl: string;
};
