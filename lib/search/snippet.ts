import { HIT_END, HIT_START } from "./normalise";

/** A piece of a result snippet; `hit` pieces are the matched words, shown marked. */
export type SnippetSegment = { text: string; hit: boolean };

/**
 * Splits FTS5 snippet() output (hits between {@link HIT_START} and
 * {@link HIT_END}) into segments, so the page renders <mark> elements and
 * never parses HTML. Indexed text cannot hold the markers (the normaliser
 * removes them), so every marker here came from snippet(). Paragraph breaks
 * become " · ", so a heading and the paragraph after it don't read as one
 * sentence in a one-line snippet.
 */
export function snippetSegments(snippet: string): SnippetSegment[] {
  const out: SnippetSegment[] = [];
  const push = (raw: string, hit: boolean) => {
    const text = raw.replace(/\s*\n\s*/g, " · ");
    if (!text) return;
    const last = out.at(-1);
    if (last && last.hit === hit) last.text += text;
    else out.push({ text, hit });
  };
  let rest = snippet;
  while (rest) {
    const start = rest.indexOf(HIT_START);
    if (start < 0) {
      push(rest, false);
      break;
    }
    push(rest.slice(0, start), false);
    const end = rest.indexOf(HIT_END, start + 1);
    if (end < 0) {
      push(rest.slice(start + 1), true);
      break;
    }
    push(rest.slice(start + 1, end), true);
    rest = rest.slice(end + 1);
  }
  return out;
}
