/**
 * Where highlights fall in a text, as non-overlapping stretches: for ranges
 * that may overlap or nest, the offsets where any of them starts or ends cut
 * the text into stretches, each listing the ranges that cover it. The
 * exporters (lib/export/layout.ts) and the Revisions view both render claims
 * from these, so nested and overlapping claims come out the same everywhere.
 */
export type Stretch = { start: number; end: number; claims: number[] };

/** `ranges[i]` null (an orphan) or empty covers nothing; stretches ascend and list claim indexes ascending. */
export function claimStretches(ranges: readonly ({ start: number; end: number } | null)[]): Stretch[] {
  const events: { at: number; index: number; open: boolean }[] = [];
  ranges.forEach((r, index) => {
    if (!r || r.end <= r.start) return;
    events.push({ at: r.start, index, open: true }, { at: r.end, index, open: false });
  });
  events.sort((a, b) => a.at - b.at);
  const stretches: Stretch[] = [];
  const active = new Set<number>();
  let i = 0;
  while (i < events.length) {
    const at = (events[i] as { at: number }).at;
    while (i < events.length && (events[i] as { at: number }).at === at) {
      const e = events[i] as { index: number; open: boolean };
      if (e.open) active.add(e.index);
      else active.delete(e.index);
      i++;
    }
    const next = i < events.length ? (events[i] as { at: number }).at : at;
    if (active.size && next > at) stretches.push({ start: at, end: next, claims: [...active].sort((a, b) => a - b) });
  }
  return stretches;
}

/**
 * Cuts the text [start, end) at the stretches' edges: pieces in order, each
 * with the claim indexes covering it (empty outside every highlight).
 * `stretches` must be ascending (as claimStretches returns them); `from` is
 * the index of the first stretch that may overlap, so a caller walking a text
 * left to right can keep its place (the returned `next`).
 */
export function cutAtStretches(
  start: number,
  end: number,
  stretches: readonly Stretch[],
  from = 0,
): { pieces: { start: number; end: number; claims: number[] }[]; next: number } {
  const pieces: { start: number; end: number; claims: number[] }[] = [];
  let k = from;
  while (k < stretches.length && (stretches[k] as Stretch).end <= start) k++;
  let at = start;
  let j = k;
  while (at < end) {
    const s = stretches[j];
    if (!s || s.start >= end) {
      pieces.push({ start: at, end, claims: [] });
      break;
    }
    if (s.start > at) {
      pieces.push({ start: at, end: s.start, claims: [] });
      at = s.start;
      continue;
    }
    const stop = Math.min(s.end, end);
    pieces.push({ start: at, end: stop, claims: s.claims });
    at = stop;
    if (s.end <= end) j++;
  }
  return { pieces, next: k };
}
