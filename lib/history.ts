import type { ClaimEventType } from "@/db/schema";
import { formatDateTimeUtc } from "@/lib/format";
import { getVerdict, statusLabel, type VerdictScale } from "@/lib/verdicts";

/**
 * Turns claim_events rows into timeline entries a person can read: field
 * changes with before/after in words (verdict labels from the desk's scale,
 * statuses by label, sources summarised), status moves with their reason,
 * assignments and comments with names. Pure: no database, no React.
 */

/** One row of claim_events with its actor's name joined. */
export type HistoryEventInput = {
  id: number;
  type: ClaimEventType;
  actorName: string | null;
  createdAt: string;
  version: number;
  data: unknown;
};

/** One line of a change: a field with its old and new value, or a note (e.g. sources added). */
export type HistoryChange =
  | { kind: "field"; field: string; before: string; after: string }
  | { kind: "note"; field: string; text: string };

export type HistoryEntry = {
  id: number;
  type: ClaimEventType;
  actor: string;
  at: string;
  /** e.g. "changed the claim", "returned the verdict". Follows the actor's name. */
  summary: string;
  changes: HistoryChange[];
  /** Text quoted with the event: a comment, a reason, the claim's quote. */
  quote?: { label: string; text: string };
  /** The article revision the event concerns (re-anchoring, accepting new text): the timeline links to it. */
  revision?: number;
};

export type HistoryContext = {
  scale: VerdictScale;
  /** Names of the users whose ids appear in event data (assignments). */
  userNames: Readonly<Record<string, string>>;
};

export const FIELD_LABELS: Record<string, string> = {
  claimAsChecked: "Claim as checked",
  claimant: "Claimant",
  verdict: "Verdict",
  rationale: "Rationale",
  status: "Status",
  sources: "Sources",
};

const FIELD_ORDER = ["claimAsChecked", "claimant", "verdict", "status", "rationale", "sources"];

type SourceLike = { id?: unknown; url?: unknown; title?: unknown };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === "string" ? v : v == null ? "" : String(v));

export function verdictLabel(scale: VerdictScale, key: unknown): string {
  if (key == null || key === "") return "No verdict";
  const entry = getVerdict(scale, String(key));
  // A verdict an admin removed from the scale since: show its key rather than nothing.
  return entry ? entry.label : `${String(key)} (no longer on the scale)`;
}

export function userName(names: Readonly<Record<string, string>>, id: unknown): string {
  if (id == null || id === "") return "nobody";
  return names[String(id)] ?? "an unknown user";
}

function sourceName(s: SourceLike): string {
  const title = str(s.title).trim();
  const url = str(s.url).trim();
  if (title && url) return `${title} (${url})`;
  return title || url || "a source without a link";
}

/** "2 added: A, B · 1 removed: C · 1 changed: D", by source id. */
export function summariseSources(before: unknown, after: unknown): string {
  const list = (v: unknown): SourceLike[] => (Array.isArray(v) ? v.filter(isRecord) : []);
  const b = list(before);
  const a = list(after);
  const byId = (xs: SourceLike[]) => new Map(xs.map((s, i) => [str(s.id) || `#${i}`, s]));
  const bm = byId(b);
  const am = byId(a);
  const added = [...am].filter(([id]) => !bm.has(id)).map(([, s]) => s);
  const removed = [...bm].filter(([id]) => !am.has(id)).map(([, s]) => s);
  const changed = [...am].filter(([id, s]) => bm.has(id) && JSON.stringify(bm.get(id)) !== JSON.stringify(s)).map(([, s]) => s);
  const parts: string[] = [];
  const part = (verb: string, xs: SourceLike[]) => xs.length && parts.push(`${xs.length} ${verb}: ${xs.map(sourceName).join("; ")}`);
  part("added", added);
  part("removed", removed);
  part("changed", changed);
  if (parts.length === 0) return "reordered";
  return parts.join(" · ");
}

function fieldChanges(data: unknown, ctx: HistoryContext): HistoryChange[] {
  if (!isRecord(data)) return [];
  const keys = Object.keys(data).sort((x, y) => {
    const ix = FIELD_ORDER.indexOf(x);
    const iy = FIELD_ORDER.indexOf(y);
    return (ix < 0 ? 99 : ix) - (iy < 0 ? 99 : iy);
  });
  const changes: HistoryChange[] = [];
  for (const key of keys) {
    const change = data[key];
    if (!isRecord(change)) continue;
    const field = FIELD_LABELS[key] ?? key;
    if (key === "sources") {
      changes.push({ kind: "note", field, text: summariseSources(change.before, change.after) });
    } else if (key === "verdict") {
      changes.push({ kind: "field", field, before: verdictLabel(ctx.scale, change.before), after: verdictLabel(ctx.scale, change.after) });
    } else if (key === "status") {
      changes.push({ kind: "field", field, before: statusLabel(str(change.before)), after: statusLabel(str(change.after)) });
    } else {
      changes.push({ kind: "field", field, before: str(change.before), after: str(change.after) });
    }
  }
  return changes;
}

function statusMove(data: Record<string, unknown>): HistoryChange[] {
  if (data.from == null && data.to == null) return [];
  return [{ kind: "field", field: "Status", before: statusLabel(str(data.from)), after: statusLabel(str(data.to)) }];
}

const STATUS_SUMMARY: Partial<Record<ClaimEventType, string>> = {
  submitted: "submitted the verdict for approval",
  approved: "approved the verdict",
  returned: "returned the verdict",
  reopened: "reopened the claim",
};

export function describeEvent(event: HistoryEventInput, ctx: HistoryContext): HistoryEntry {
  const data = isRecord(event.data) ? event.data : {};
  const base = { id: event.id, type: event.type, actor: event.actorName ?? "Unknown user", at: event.createdAt, changes: [] as HistoryChange[] };
  switch (event.type) {
    case "created": {
      const quote = data.quote ? { label: "Quoted text", text: str(data.quote) } : undefined;
      if (isRecord(data.importedFrom)) return { ...base, summary: "imported the claim from a Claimdesk JSON file", changes: importNotes(data, ctx), quote };
      return { ...base, summary: "created the claim", quote };
    }
    case "updated": {
      const changes = fieldChanges(event.data, ctx);
      return { ...base, summary: changedSummary(changes.map((c) => c.field)), changes };
    }
    case "deleted": {
      const reason = str(data.reason).trim();
      return { ...base, summary: "deleted the claim", quote: reason ? { label: "Reason", text: reason } : undefined };
    }
    case "restored": {
      const reason = str(data.reason).trim();
      const moved = data.from !== data.to ? statusMove(data) : [];
      return { ...base, summary: "restored the claim", changes: moved, quote: reason ? { label: "Reason", text: reason } : undefined };
    }
    case "submitted":
    case "approved":
    case "returned":
    case "reopened": {
      const reason = str(data.reason).trim();
      return { ...base, summary: STATUS_SUMMARY[event.type]!, changes: statusMove(data), quote: reason ? { label: "Reason", text: reason } : undefined };
    }
    case "assigned": {
      const from = data.from == null ? null : userName(ctx.userNames, data.from);
      const to = data.to == null ? null : userName(ctx.userNames, data.to);
      const summary = to === null ? `unassigned ${from ?? "the claim"}` : from === null ? `assigned the claim to ${to}` : `reassigned the claim from ${from} to ${to}`;
      return { ...base, summary, changes: [{ kind: "field", field: "Assignee", before: from ?? "nobody", after: to ?? "nobody" }] };
    }
    case "based_on":
      return {
        ...base,
        summary: `used the verdict of an earlier check${data.articleTitle ? ` in “${str(data.articleTitle)}”` : ""} as a starting point`,
        changes: data.verdict != null ? [{ kind: "note", field: "Earlier verdict", text: verdictLabel(ctx.scale, data.verdict) }] : [],
        quote: data.quote ? { label: "Earlier claim", text: str(data.quote) } : undefined,
      };
    case "comment_added":
      return { ...base, summary: "commented", quote: { label: "Comment", text: str(data.body) } };
    case "comment_edited":
      return { ...base, summary: "edited a comment", changes: [{ kind: "field", field: "Comment", before: str(data.before), after: str(data.after) }] };
    case "comment_deleted":
      return { ...base, summary: "deleted a comment", quote: { label: "Deleted comment", text: str(data.body) } };
    case "reanchored": {
      // A text revision (or a person's Re-anchor) moved the claim's words.
      const before = isRecord(data.before) ? str(data.before.exact) : "";
      const after = isRecord(data.after) ? str(data.after.exact) : "";
      const number = revisionOf(data.revision);
      const revision = number === undefined ? "" : ` in revision ${number}`;
      const saved = data.method === "diff" || data.method === "fuzzy" ? "brought in a new version that" : "saved a text revision that";
      const summary =
        data.method === "manual"
          ? `re-anchored the claim to new words${revision}`
          : data.state === "orphaned"
            ? `${saved} removed the claim’s words${revision}`
            : `${saved} changed the claim’s words${revision}`;
      const changes: HistoryChange[] = data.state === "orphaned" && data.method !== "manual" ? [] : [{ kind: "field", field: "Quoted text", before, after }];
      changes.unshift({ kind: "note", field: "Re-anchored", text: reanchorNote(number, data) });
      return {
        ...base,
        summary,
        changes,
        quote: data.state === "orphaned" && data.method !== "manual" ? { label: "Removed text", text: before } : undefined,
        ...(number === undefined ? {} : { revision: number }),
      };
    }
    case "text_accepted": {
      const number = revisionOf(data.revision);
      const revision = number === undefined ? "" : ` of revision ${number}`;
      return {
        ...base,
        summary: `accepted the new text${revision} for the verdict`,
        changes: [{ kind: "field", field: "Quoted text", before: str(data.before), after: str(data.after) }],
        ...(number === undefined ? {} : { revision: number }),
      };
    }
    default:
      return { ...base, summary: String(event.type).replace(/_/g, " ") };
  }
}

function revisionOf(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

const HOW: Record<string, string> = {
  steps: "followed through the editor’s own edit",
  diff: "followed through a diff of the old and new text",
  fuzzy: "found again by a close match inside the rewritten passage",
  manual: "attached by hand to words a person selected",
};

/** "In revision 3 (text changed), followed through the editor’s own edit." */
function reanchorNote(revision: number | undefined, data: Record<string, unknown>): string {
  const state = data.method === "manual" ? "words chosen again" : data.state === "orphaned" ? "words removed" : data.state === "changed" ? "text changed" : "words kept";
  const how = HOW[str(data.method)];
  return `${revision === undefined ? "In a text revision" : `In revision ${revision}`} (${state})${how ? `, ${how}` : ""}.`;
}

/**
 * An imported claim's provenance. What the file said about people, dates and
 * approval is unverified (anyone holding the file could have edited it), so it
 * is shown as the file's statement, next to what this desk actually stored.
 */
function importNotes(data: Record<string, unknown>, ctx: HistoryContext): HistoryChange[] {
  const from = data.importedFrom as Record<string, unknown>;
  const said = isRecord(from.fileSaid) ? from.fileSaid : {};
  const notes: HistoryChange[] = [];
  if (data.status != null) {
    const stored = str(data.status);
    const text = stored === "verdict_proposed" ? `${statusLabel(stored)}, proposed by the importer for another editor to approve` : statusLabel(stored);
    notes.push({ kind: "note", field: "Stored as", text });
  }
  const parts: string[] = [];
  if (said.status != null) parts.push(`status “${statusLabel(str(said.status))}”`);
  if (said.verdict != null && said.verdict !== "") parts.push(`verdict “${verdictLabel(ctx.scale, said.verdict)}”`);
  const who = (name: unknown, at: unknown, verb: string) => {
    const n = str(name).trim();
    const t = str(at).trim();
    if (n || t) parts.push(`${verb}${n ? ` by “${n}”` : ""}${t ? ` on ${formatDateTimeUtc(t)}` : ""}`);
  };
  who(said.createdByName, said.createdAt, "created");
  who(said.approvedByName, said.approvedAt, "approved");
  if (parts.length) notes.push({ kind: "note", field: "What the file said (not verified)", text: `${parts.join("; ")}.` });
  return notes;
}

/** User ids mentioned in event data that need a name (assignments). */
export function userIdsIn(events: readonly Pick<HistoryEventInput, "type" | "data">[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.type !== "assigned" || !isRecord(e.data)) continue;
    for (const v of [e.data.from, e.data.to]) if (typeof v === "string" && v) ids.add(v);
  }
  return [...ids];
}

export function describeHistory(events: readonly HistoryEventInput[], ctx: HistoryContext): HistoryEntry[] {
  return events.map((e) => describeEvent(e, ctx));
}

/** "changed the verdict", "changed the verdict and status", "changed the verdict, status and rationale". */
function changedSummary(fields: string[]): string {
  const names = [...new Set(fields.map((f) => f.toLowerCase()))];
  if (names.length === 0) return "changed the claim";
  if (names.length > 3) return "changed the claim";
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`;
  return `changed the ${list}`;
}
