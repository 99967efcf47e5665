/**
 * W3C Web Annotation Data Model (JSON-LD): one AnnotationCollection whose
 * `first` AnnotationPage holds one Annotation per claim.
 *
 * - ids are IRIs under the app origin, never bare UUIDs;
 * - `motivation` is "assessing" for a claim with a verdict, "highlighting" for one without;
 * - the target is a SpecificResource over the article (its source URL, else
 *   the published page when published, else its page in the desk:
 *   lib/export/links.ts) with a TextQuoteSelector and a
 *   TextPositionSelector, whose start/end count Unicode code points over the
 *   article's plain text, as the model requires (they are stored that way);
 * - bodies: the verdict label (purpose "assessing"), the claim as checked
 *   ("describing"), the rationale ("commenting"), each source as a
 *   SpecificResource ("linking").
 * https://www.w3.org/TR/annotation-model/
 */
import type { ExportBundle, ExportClaim } from "./bundle";
import { scopeLabel } from "./bundle";
import { claimFragment } from "@/lib/claim-fragment";
import { articleUrl } from "./links";
import { verdictLabel } from "./shared";
import { correctionsOfClaim, lastCorrectedAt, laterOf } from "./corrections";
import { langAttribute } from "@/lib/language";

export const ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld";

type Agent = { id?: string; type: "Person" | "Organization" | "Software"; name: string; homepage?: string };
type TextualBody = { type: "TextualBody"; purpose: "assessing" | "commenting" | "describing"; value: string; format: "text/plain" };
type LinkBody = { type: "SpecificResource"; purpose: "linking"; source: string };

export type WebAnnotation = {
  "@context"?: typeof ANNOTATION_CONTEXT;
  id: string;
  type: "Annotation";
  motivation: "assessing" | "highlighting";
  created: string;
  modified: string;
  creator: Agent;
  generator: Agent;
  body?: (TextualBody | LinkBody)[];
  target: {
    type: "SpecificResource";
    source: string;
    /** The article's language (Web Annotation Data Model §3.2.1 "language" on a target); absent when not determined. */
    language?: string;
    selector: [
      { type: "TextQuoteSelector"; exact: string; prefix: string; suffix: string },
      { type: "TextPositionSelector"; start: number; end: number },
    ];
  };
};

export type AnnotationCollection = {
  "@context": typeof ANNOTATION_CONTEXT;
  id: string;
  type: "AnnotationCollection";
  label: string;
  total: number;
  created: string;
  /** When the fact-check was last corrected (its newest published correction); absent when never. */
  modified?: string;
  generator: Agent;
  first: {
    id: string;
    type: "AnnotationPage";
    partOf: { id: string; label: string; total: number };
    startIndex: 0;
    items: WebAnnotation[];
  };
};

export function annotationCollectionId(bundle: ExportBundle): string {
  return `${bundle.origin}/api/articles/${encodeURIComponent(bundle.article.id)}/annotations`;
}

export function annotationId(bundle: ExportBundle, claim: ExportClaim): string {
  return `${annotationCollectionId(bundle)}#${claimFragment(claim.id)}`;
}

/** An IRI as the URL parser writes it (characters such as < > and spaces percent-encoded). */
export function toIri(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

/** xsd:dateTime in UTC ("…Z"); stored timestamps already are, this normalises anything else. */
export function toUtcDateTime(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)) return value;
  const parsed = new Date(value.includes("T") || value.includes("Z") ? value : `${value.replace(" ", "T")}Z`);
  return Number.isNaN(parsed.getTime()) ? value : parsed.toISOString();
}

function generatorOf(bundle: ExportBundle): Agent {
  return { id: `${bundle.origin}/`, type: "Software", name: "Claimdesk", homepage: `${bundle.origin}/` };
}

export function toWebAnnotation(bundle: ExportBundle, claim: ExportClaim, generator = generatorOf(bundle)): WebAnnotation {
  const body: (TextualBody | LinkBody)[] = [];
  if (claim.verdict) body.push({ type: "TextualBody", purpose: "assessing", value: verdictLabel(bundle, claim.verdict), format: "text/plain" });
  if (claim.claimAsChecked.trim()) body.push({ type: "TextualBody", purpose: "describing", value: claim.claimAsChecked, format: "text/plain" });
  if (claim.rationale.trim()) body.push({ type: "TextualBody", purpose: "commenting", value: claim.rationale, format: "text/plain" });
  for (const s of claim.sources) body.push({ type: "SpecificResource", purpose: "linking", source: toIri(s.url) });
  const creator: Agent = claim.createdByName
    ? { type: "Person", name: claim.createdByName }
    : { id: bundle.organization.url, type: "Organization", name: bundle.organization.name };
  return {
    id: annotationId(bundle, claim),
    type: "Annotation",
    motivation: claim.verdict ? "assessing" : "highlighting",
    created: toUtcDateTime(claim.createdAt),
    // A published correction of the claim counts as a modification of its annotation.
    modified: toUtcDateTime(laterOf(claim.updatedAt, correctionsOfClaim(bundle, claim.id)[0]?.publishedAt)),
    creator,
    generator,
    ...(body.length ? { body } : {}),
    target: {
      type: "SpecificResource",
      source: toIri(articleUrl(bundle)),
      ...(langAttribute(bundle.article.language) ? { language: bundle.article.language } : {}),
      selector: [
        { type: "TextQuoteSelector", exact: claim.quote.exact, prefix: claim.quote.prefix, suffix: claim.quote.suffix },
        { type: "TextPositionSelector", start: claim.position.start, end: claim.position.end },
      ],
    },
  };
}

export function toWebAnnotationCollection(bundle: ExportBundle): AnnotationCollection {
  const id = annotationCollectionId(bundle);
  const generator = generatorOf(bundle);
  const items = bundle.claims.map((c) => toWebAnnotation(bundle, c, generator));
  // The label records what the file holds, including its scope.
  const label = `Fact-check of “${bundle.article.title}” — ${scopeLabel(bundle.scope).toLowerCase()}`;
  return {
    "@context": ANNOTATION_CONTEXT,
    id,
    type: "AnnotationCollection",
    label,
    total: items.length,
    created: toUtcDateTime(bundle.exportedAt),
    ...(lastCorrectedAt(bundle) ? { modified: toUtcDateTime(lastCorrectedAt(bundle)!) } : {}),
    generator,
    first: { id: `${id}?page=0`, type: "AnnotationPage", partOf: { id, label, total: items.length }, startIndex: 0, items },
  };
}

export function renderWebAnnotations(bundle: ExportBundle): string {
  return JSON.stringify(toWebAnnotationCollection(bundle)) + "\n";
}
