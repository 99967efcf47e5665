/**
 * Summaries of a V8 CPU profile (CDP Profiler) and of a Chrome trace, used by
 * `bench:open -- --profile` to tell what dominates the time.
 */
import { existsSync, readFileSync } from "node:fs";
import { SourceMapConsumer, type RawSourceMap } from "source-map-js";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
export type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

export type Row = { name: string; ms: number };

function shortUrl(url: string): string {
  if (!url) return "(native)";
  try {
    const u = new URL(url);
    return u.pathname.split("/").slice(-1)[0] || u.pathname;
  } catch {
    return url;
  }
}

/** Self time per script (file) and per function, in ms. */
export function summariseCpuProfile(profile: CpuProfile): { byUrl: Row[]; byFunction: Row[]; totalMs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  });
  const urls = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const f = node.callFrame;
    total += us;
    const special = f.functionName.startsWith("(") && !f.url;
    const urlKey = special ? f.functionName : shortUrl(f.url);
    urls.set(urlKey, (urls.get(urlKey) ?? 0) + us);
    const fnKey = special ? f.functionName : `${f.functionName || "(anonymous)"} ${shortUrl(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    fns.set(fnKey, (fns.get(fnKey) ?? 0) + us);
  }
  const rows = (m: Map<string, number>) =>
    [...m]
      .map(([name, us]) => ({ name, ms: us / 1000 }))
      .sort((a, b) => b.ms - a.ms);
  return { byUrl: rows(urls), byFunction: rows(fns), totalMs: total / 1000 };
}

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; cat?: string; args?: { name?: string } };

/**
 * Self time by trace event name on the busiest renderer main thread
 * (CrRendererMain), in ms: ParseHTML, EvaluateScript, FunctionCall,
 * UpdateLayoutTree (style), Layout, Paint, GC…
 */
export function summariseTrace(trace: { traceEvents: TraceEvent[] } | TraceEvent[]): { byName: Row[]; wallMs: number } {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const mainThreads = new Set(events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
  type Interval = { name: string; start: number; end: number; self: number };
  const perThread = new Map<string, Interval[]>();
  const open = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!mainThreads.has(key)) continue;
    const list = perThread.get(key) ?? [];
    perThread.set(key, list);
    if (e.ph === "X" && typeof e.dur === "number") list.push({ name: e.name, start: e.ts, end: e.ts + e.dur, self: e.dur });
    else if (e.ph === "B") {
      const stack = open.get(key) ?? [];
      stack.push(e);
      open.set(key, stack);
    } else if (e.ph === "E") {
      const begin = open.get(key)?.pop();
      if (begin) list.push({ name: begin.name, start: begin.ts, end: e.ts, self: e.ts - begin.ts });
    }
  }
  // The page's renderer is the thread with the most top-level task time.
  let best: Interval[] = [];
  let bestBusy = -1;
  for (const list of perThread.values()) {
    const busy = list.filter((i) => i.name === "RunTask").reduce((s, i) => s + (i.end - i.start), 0);
    if (busy > bestBusy) {
      bestBusy = busy;
      best = list;
    }
  }
  best.sort((a, b) => a.start - b.start || b.end - a.end);
  const stack: Interval[] = [];
  for (const interval of best) {
    while (stack.length && (stack[stack.length - 1] as Interval).end <= interval.start) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent && interval.end <= parent.end) parent.self -= interval.end - interval.start;
    stack.push(interval);
  }
  const byName = new Map<string, number>();
  for (const i of best) byName.set(i.name, (byName.get(i.name) ?? 0) + Math.max(0, i.self));
  const wall = best.length ? Math.max(...best.map((i) => i.end)) - Math.min(...best.map((i) => i.start)) : 0;
  return {
    byName: [...byName].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms),
    wallMs: wall / 1000,
  };
}

export type SourceRow = { file: string; fn: string; ms: number };

/** Maps a call frame of the built server to its source file and function, through the build's source maps (cached per file). */
function frameMapper(root: string) {
  const consumers = new Map<string, SourceMapConsumer | null>();
  const consumer = (file: string) => {
    if (!consumers.has(file)) {
      const map = `${file}.map`;
      consumers.set(file, existsSync(map) ? new SourceMapConsumer(JSON.parse(readFileSync(map, "utf8")) as RawSourceMap) : null);
    }
    return consumers.get(file) ?? null;
  };
  return (f: CallFrame): { file: string; fn: string } => {
    let file = f.url.replace(/^file:\/\//, "");
    let fn = f.functionName || "(anonymous)";
    if (file.includes("/.next/")) {
      const pos = consumer(file)?.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber });
      if (pos?.source) {
        file = pos.source.replace(/^.*?\[project\]\//, "").replace(/^turbopack:\/\/\//, "");
        fn = `${pos.name ?? fn} :${pos.line}`;
      }
    }
    file = file.replace(`${root}/`, "").replace(/^.*node_modules\//, "node_modules/");
    if (!file) file = fn.startsWith("(") ? fn : "(native)";
    return { file, fn };
  };
}

/** A `node --cpu-prof` profile of the built server: self time per function, with minified positions mapped through the build's source maps. */
export function mapProfile(profile: CpuProfile, root = process.cwd()): SourceRow[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
  const map = frameMapper(root);
  const rows = new Map<string, SourceRow>();
  for (const [id, us] of selfUs) {
    const f = byId.get(id)?.callFrame;
    if (!f) continue;
    const { file, fn } = map(f);
    const key = `${file}\u0000${fn}`;
    const row = rows.get(key) ?? { file, fn, ms: 0 };
    row.ms += us / 1000;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => b.ms - a.ms);
}

/**
 * Inclusive time (self and everything called from it) of the functions whose
 * source file matches `keep` (the app's own modules, say), mapped as in
 * `mapProfile`: "how much of the run was under getCurrentUser".
 */
export function inclusiveTimes(profile: CpuProfile, keep: (file: string) => boolean, root = process.cwd()): SourceRow[] {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const map = frameMapper(root);
  const names = new Map<number, { file: string; fn: string }>();
  for (const n of profile.nodes) names.set(n.id, map(n.callFrame));
  const totals = new Map<string, SourceRow>();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const row = names.get(n)!;
      if (!keep(row.file)) continue;
      const key = `${row.file}\u0000${row.fn}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const total = totals.get(key) ?? { ...row, ms: 0 };
      total.ms += dt;
      totals.set(key, total);
    }
  });
  return [...totals.values()].sort((a, b) => b.ms - a.ms);
}
