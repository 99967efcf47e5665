/**
 * Entity tags and conditional requests (RFC 9110 §8.8.3, §13.1). A claim's
 * tag is its version (`"v7"`), so If-Match names exactly the version a save
 * is decided on. Framework-free.
 */

/** A strong entity tag from a version or another opaque validator. */
export function etag(validator: string | number): string {
  return `"${typeof validator === "number" ? `v${validator}` : validator}"`;
}

/** The version in a tag made by `etag(n)`, or null. */
export function versionOf(tag: string): number | null {
  const m = /^"v([1-9]\d{0,14})"$/.exec(tag.trim());
  return m ? Number(m[1]) : null;
}

/** The entity tags of an If-Match / If-None-Match field value (`*` as "*"); null when malformed. */
export function parseEntityTags(value: string): string[] | null {
  const tags: string[] = [];
  const trimmed = value.trim();
  if (trimmed === "*") return ["*"];
  const re = /\s*((?:W\/)?"[\x21\x23-\x7e\x80-\xff]*")\s*(?:,|$)/y;
  let i = 0;
  while (i < trimmed.length) {
    re.lastIndex = i;
    const m = re.exec(trimmed);
    if (!m) return null;
    tags.push(m[1]!);
    i = re.lastIndex;
  }
  return tags.length ? tags : null;
}

const opaque = (tag: string) => tag.replace(/^W\//, "");

/** If-None-Match (weak comparison): true when the client's copy is current, so a GET answers 304. */
export function noneMatchHits(header: string | null, current: string): boolean {
  if (!header) return false;
  const tags = parseEntityTags(header);
  if (!tags) return false;
  return tags.includes("*") || tags.some((t) => opaque(t) === opaque(current));
}

export type IfMatch = { kind: "missing" } | { kind: "malformed" } | { kind: "any" } | { kind: "tags"; tags: string[] };

/** If-Match as the save sees it. Only strong tags can match (RFC 9110 §13.1.1). */
export function readIfMatch(header: string | null): IfMatch {
  if (header === null || header.trim() === "") return { kind: "missing" };
  const tags = parseEntityTags(header);
  if (!tags) return { kind: "malformed" };
  if (tags.includes("*")) return { kind: "any" };
  return { kind: "tags", tags: tags.filter((t) => !t.startsWith("W/")) };
}
