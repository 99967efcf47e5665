/**
 * Measurements in a page: opening it (until the editor and every highlight is
 * painted) and keystrokes (keydown → frame painted), built on the in-page
 * probes of ./probe.ts. Also the optional profiling (Chrome trace, V8 CPU
 * profile) used by --profile.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { keyProbeSource } from "./probe";
import { summariseCpuProfile, summariseTrace, type CpuProfile } from "./profile";
import { median, percentile } from "./stats";

export const KEYS_PER_KIND = 100;
const CARET_PARAGRAPH = 59; // the 60th paragraph
export const TYPED = "Checked against the 2023 statistics release, table 4 and notes."; // 64 characters

export type OpenResult = {
  editorAt: number;
  marksAt: number;
  paintedAt: number;
  markElements: number;
  distinct: number;
  fcp: number | null;
  responseStart: number;
  responseEnd: number;
  domContentLoaded: number;
  load: number;
  documentBytes: number;
  scriptBytes: number;
  inlineScriptBytes: number;
  fetchBytes: number;
  domElements: number;
  articleWidth: number;
  longFrames: number;
  longFramesMs: number;
  longestFrame: number;
  blockingMs: number;
  scriptsByUrl: Record<string, number>;
};

const READ_OPEN = `(() => {
  const P = window.__probe;
  const o = P.open;
  const nav = performance.getEntriesByType("navigation")[0];
  const res = performance.getEntriesByType("resource");
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  const until = o.paintedAt;
  const loafs = P.loafs.filter((l) => l.start < until);
  const scriptsByUrl = {};
  for (const l of loafs) for (const s of l.scripts) {
    const key = (s.sourceURL || s.invoker || "?").replace(location.origin, "").replace(/^.*\\/_next\\/static\\/chunks\\//, "chunks/") + " [" + s.invokerType + "]";
    scriptsByUrl[key] = (scriptsByUrl[key] || 0) + s.duration;
  }
  const ed = document.querySelector(".ProseMirror");
  return {
    editorAt: o.editorAt, marksAt: o.marksAt, paintedAt: o.paintedAt, markElements: o.markElements, distinct: o.distinct,
    fcp: fcp ? fcp.startTime : null,
    responseStart: nav.responseStart, responseEnd: nav.responseEnd,
    domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
    documentBytes: nav.decodedBodySize,
    scriptBytes: res.filter((r) => r.initiatorType === "script").reduce((s, r) => s + r.decodedBodySize, 0),
    inlineScriptBytes: [...document.querySelectorAll("script:not([src])")].reduce((s, el) => s + el.textContent.length, 0),
    fetchBytes: res.filter((r) => r.initiatorType === "fetch").reduce((s, r) => s + r.decodedBodySize, 0),
    domElements: document.getElementsByTagName("*").length,
    articleWidth: ed ? ed.clientWidth : 0,
    longFrames: loafs.length,
    longFramesMs: loafs.reduce((s, l) => s + l.duration, 0),
    longestFrame: loafs.reduce((m, l) => Math.max(m, l.duration), 0),
    blockingMs: loafs.reduce((s, l) => s + l.blocking, 0),
    scriptsByUrl,
  };
})()`;

export async function openPage(context: BrowserContext, url: string): Promise<{ page: Page; result: OpenResult }> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "commit", timeout: 120_000 });
  await page.waitForFunction("window.__probe && window.__probe.open.paintedAt !== null", undefined, { timeout: 120_000, polling: 100 });
  const result = (await page.evaluate(READ_OPEN)) as OpenResult;
  return { page, result };
}

export type App = "claimdesk" | "baseline" | "bare";

export type KeySample = { key: string; latency: number | null; script: number; dispatch: number; dispatches: number; frame: number | null };
export type LongFrame = {
  start: number;
  duration: number;
  blocking: number;
  /** The longest scripts in the frame. */
  scripts: { invoker: string; sourceURL: string; duration: number; forcedStyleAndLayout: number }[];
  /** Style, layout and paint at the end of the frame. */
  renderMs: number;
};
export type Phase = { name: string; samples: KeySample[]; loafs: LongFrame[] };

export async function settle(page: Page): Promise<KeySample | null> {
  return (await page.evaluate("window.__keyProbe.settle()")) as KeySample | null;
}

export async function take(page: Page, name: string): Promise<Phase> {
  const { samples, loafs } = (await page.evaluate("window.__keyProbe.take()")) as Omit<Phase, "name">;
  return { name, samples, loafs };
}

/**
 * Puts the caret at the start of the 60th paragraph of the article, through
 * the DOM selection (as a click would), so it works the same on every page,
 * with or without ProseMirror; ProseMirror picks it up from selectionchange.
 */
export async function placeCaret(page: Page) {
  await page.evaluate(`(() => {
    const root = document.querySelector(".ProseMirror");
    const p = root.querySelectorAll(":scope > p")[${CARET_PARAGRAPH}];
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const text = walker.nextNode();
    root.focus({ preventScroll: true });
    p.scrollIntoView({ block: "center" });
    const range = document.createRange();
    range.setStart(text, 0);
    range.collapse(true);
    const sel = document.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  })()`);
  await page.waitForTimeout(300);
  await page.evaluate("window.__keyProbe.take()"); // drop whatever placing the caret caused
}

export async function pressMany(page: Page, key: string, count: number) {
  for (let i = 0; i < count; i++) {
    await page.keyboard.press(key);
    await settle(page);
  }
}

export async function typeText(page: Page, text: string) {
  for (const ch of text) {
    await page.keyboard.type(ch);
    await settle(page);
  }
}

export type KeySessionOptions = {
  /** Navigation keys of each kind (ArrowRight, ArrowDown, Shift+ArrowRight). */
  keysPerKind?: number;
  /** Which navigation phases to run (all by default). */
  kinds?: string[];
  /** Also type into the Rationale field (and, on the baseline pages, into the article). */
  typing?: boolean;
};

/**
 * Waits until the claim list header says "All changes saved". A cheap check on
 * one element: Playwright's text locators walk the whole DOM on every poll,
 * which on this page (28,000 elements, 100,000 words) takes long frames of its
 * own and would be blamed on the app.
 */
export async function waitForAllSaved(page: Page) {
  await page.waitForFunction(
    `(() => { const h = document.getElementById("claims-heading"); return !!h && !!h.parentElement && h.parentElement.textContent.includes("All changes saved"); })()`,
    undefined,
    { timeout: 15_000, polling: 250 },
  );
}

/**
 * Clicks the n-th claim in the list. Through the DOM rather than a role
 * locator: resolving roles over this page's 28,000 elements is slow, and it
 * still works when an experiment hides the list.
 */
export async function openClaimFromList(page: Page, n: number) {
  await page.evaluate(`document.querySelectorAll('ol[aria-label="Claims in document order"] > li button')[${n}].click()`);
}

/** Installs the keystroke probe; false when the page has no ProseMirror view to hook. */
export async function keyProbeReady(page: Page): Promise<boolean> {
  return (await page.evaluate(keyProbeSource)) as boolean;
}

/** One keystroke session on an opened page. */
export async function keySession(page: Page, app: App, options: KeySessionOptions = {}): Promise<Phase[]> {
  const { keysPerKind = KEYS_PER_KIND, kinds = NAV_PHASES, typing = true } = options;
  await page.waitForTimeout(1000); // let post-load work (prefetches, idle callbacks) finish
  const hooked = await keyProbeReady(page);
  if (!hooked && app !== "bare") throw new Error(`${app}: could not find the ProseMirror view`);
  const phases: Phase[] = [];

  for (const kind of kinds) {
    await placeCaret(page);
    const shift = kind.startsWith("Shift+");
    if (shift) await page.keyboard.down("Shift");
    await pressMany(page, kind.replace("Shift+", ""), keysPerKind);
    if (shift) await page.keyboard.up("Shift");
    phases.push(await take(page, kind));
  }
  await placeCaret(page);
  if (!typing) return phases;

  if (app === "claimdesk") {
    // Open a claim from the list (as a reviewer does), then type its rationale.
    await openClaimFromList(page, 40);
    const rationale = page.getByLabel("Rationale");
    await rationale.waitFor({ state: "visible" });
    await page.waitForTimeout(500);
    await page.evaluate("window.__keyProbe.take()");
    await rationale.click();
    await rationale.press("End");
    await page.waitForTimeout(300);
    await page.evaluate("window.__keyProbe.take()");
    await typeText(page, TYPED);
    phases.push(await take(page, "type in Rationale"));
    // Autosave after the pause: wait for it, counting long frames meanwhile.
    await waitForAllSaved(page);
    await page.waitForTimeout(300);
    phases.push(await take(page, "autosave round trip"));
    await page.evaluate("localStorage.clear()");
  } else {
    await page.locator("#rationale").click();
    await page.waitForTimeout(300);
    await page.evaluate("window.__keyProbe.take()");
    await typeText(page, TYPED);
    phases.push(await take(page, "type in Rationale"));
    // Reference only: typing into the (editable) article itself.
    await placeCaret(page);
    await typeText(page, TYPED);
    phases.push(await take(page, "type in the article (reference)"));
  }
  return phases;
}

export type PhaseStats = { n: number; p50: number; p95: number; max: number; scriptP95: number; dispatchP95: number; frameP95: number; longFrames: number; longest: number };

export function phaseStats(samples: KeySample[], loafs: Phase["loafs"]): PhaseStats {
  const lat = samples.map((s) => s.latency).filter((v): v is number => v !== null);
  return {
    n: samples.length,
    p50: percentile(lat, 50),
    p95: percentile(lat, 95),
    max: Math.max(...lat),
    scriptP95: percentile(samples.map((s) => s.script), 95),
    dispatchP95: percentile(samples.map((s) => s.dispatch), 95),
    frameP95: percentile(samples.map((s) => s.frame).filter((v): v is number => v !== null), 95),
    longFrames: loafs.filter((l) => l.duration > 50).length,
    longest: loafs.reduce((m, l) => Math.max(m, l.duration), 0),
  };
}

export const NAV_PHASES = ["ArrowRight", "ArrowDown", "Shift+ArrowRight"];

/** Per phase name: median over runs of each statistic, long frames summed over runs. */
export function summariseSessions(sessions: Phase[][]) {
  const names = [...new Set(sessions.flat().map((p) => p.name))];
  const out: Record<string, PhaseStats & { runs: number }> = {};
  const perRun = (pick: (phases: Phase[]) => Phase[]) => sessions.map((phases) => {
    const chosen = pick(phases);
    return phaseStats(chosen.flatMap((p) => p.samples), chosen.flatMap((p) => p.loafs));
  });
  const combine = (stats: PhaseStats[]): PhaseStats & { runs: number } => ({
    runs: stats.length,
    n: stats.reduce((s, x) => s + x.n, 0),
    p50: median(stats.map((x) => x.p50)),
    p95: median(stats.map((x) => x.p95)),
    max: Math.max(...stats.map((x) => x.max)),
    scriptP95: median(stats.map((x) => x.scriptP95)),
    dispatchP95: median(stats.map((x) => x.dispatchP95)),
    frameP95: median(stats.map((x) => x.frameP95)),
    longFrames: stats.reduce((s, x) => s + x.longFrames, 0),
    longest: Math.max(...stats.map((x) => x.longest)),
  });
  for (const name of names) out[name] = combine(perRun((phases) => phases.filter((p) => p.name === name)));
  out["navigation keys (all)"] = combine(perRun((phases) => phases.filter((p) => NAV_PHASES.includes(p.name))));
  return out;
}

export async function profileOpen(browser: Browser, context: BrowserContext, url: string, label: string, outDir: string) {
  mkdirSync(outDir, { recursive: true });
  // 1. A Chrome trace: main-thread time by event type.
  const page = await context.newPage();
  await browser.startTracing(page, {
    categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.execute", "blink", "loading", "blink.user_timing"],
  });
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction("window.__probe && window.__probe.open.paintedAt !== null", undefined, { timeout: 120_000, polling: 100 });
  const buffer = await browser.stopTracing();
  await page.close();
  const tracePath = path.join(outDir, `${label}-open.trace.json`);
  writeFileSync(tracePath, buffer);
  const trace = summariseTrace(JSON.parse(buffer.toString()));

  // 2. A V8 CPU profile: JavaScript self time by script and function.
  const page2 = await context.newPage();
  const cdp = await context.newCDPSession(page2);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  await page2.goto(url, { waitUntil: "commit" });
  await page2.waitForFunction("window.__probe && window.__probe.open.paintedAt !== null", undefined, { timeout: 120_000, polling: 100 });
  const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: CpuProfile };
  const profilePath = path.join(outDir, `${label}-open.cpuprofile`);
  writeFileSync(profilePath, JSON.stringify(profile));
  await cdp.detach();
  return { page: page2, trace, cpu: summariseCpuProfile(profile), tracePath, profilePath };
}

export async function profileTyping(context: BrowserContext, page: Page, label: string, outDir: string) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  for (const ch of TYPED.slice(0, 30)) {
    await page.keyboard.type(ch);
    await page.waitForTimeout(50);
  }
  const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: CpuProfile };
  writeFileSync(path.join(outDir, `${label}-typing.cpuprofile`), JSON.stringify(profile));
  await cdp.detach();
  return summariseCpuProfile(profile);
}

