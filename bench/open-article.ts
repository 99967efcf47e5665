/**
 * bench:open — opening a 100,000-word article with 2,000 claims (200 of them
 * overlapping another) in Claimdesk, and the cost of a keystroke / selection
 * change on that page, against a minimal TipTap page with the same document
 * and the same 2,000 decorations (bench/baseline/entry.ts), in one process:
 *
 *   1. generates the article (Markdown → the app's own importer) and claims;
 *   2. starts the built app (`next start`) on a temporary database, then
 *      writes the article and claims straight into its SQLite file;
 *   3. signs in as the demo reviewer in headless Chromium and measures the
 *      time from navigation start until the editor is there with every
 *      highlight painted (median of N runs, after one warm-up);
 *   4. measures ArrowRight / ArrowDown / Shift+ArrowRight in the article and
 *      typing in a claim's Rationale (keydown → frame painted, script time,
 *      ProseMirror dispatch time, long animation frames > 50 ms);
 *   5. does the same on the baseline page and prints both with the ratios;
 *   6. stops everything and deletes the temporary directory, even on failure.
 *
 * Usage (after `npx next build`):
 *   npm run bench:open [-- --runs 3] [-- --key-runs 3] [-- --profile] [-- --keep] [-- --timeout-min 25]
 * CHROMIUM_PATH overrides /usr/bin/chromium. Results are also written as JSON
 * to bench/out/ (with traces and CPU profiles when --profile is given).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BrowserContext } from "@playwright/test";
import { cleanup, installCleanupHandlers, log, OUT_DIR, ROOT, startEnvironment, VIEWPORT } from "./lib/env";
import {
  keySession,
  KEYS_PER_KIND,
  NAV_PHASES,
  openPage,
  phaseStats,
  profileOpen,
  profileTyping,
  summariseSessions,
  TYPED,
  type App,
  type OpenResult,
  type Phase,
  openClaimFromList,
  waitForAllSaved,
} from "./lib/measure";
import type { summariseCpuProfile, summariseTrace } from "./lib/profile";
import { median, ms, numberOption, ratio, table } from "./lib/stats";

// ------------------------------------------------------------------ options

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);

const RUNS = numberOption("runs", 3);
const KEY_RUNS = numberOption("key-runs", RUNS);
const PROFILE = flag("profile");
const KEEP = flag("keep");
const TOTAL_TIMEOUT_MS = numberOption("timeout-min", 25) * 60_000;

// ------------------------------------------------------------------ main

async function main() {
  installCleanupHandlers(TOTAL_TIMEOUT_MS);

  const { buildInfo, data, articleUrl, baseline, browser, chromiumVersion, appContext, baseContext } = await startEnvironment({ keep: KEEP });

  const targets: { app: App; context: BrowserContext; url: string }[] = [
    { app: "claimdesk", context: appContext, url: articleUrl },
    { app: "baseline", context: baseContext, url: baseline.url },
    { app: "bare", context: baseContext, url: baseline.staticUrl },
  ];
  const opens: Record<App, OpenResult[]> = { claimdesk: [], baseline: [], bare: [] };
  const sessions: Record<App, Phase[][]> = { claimdesk: [], baseline: [], bare: [] };
  const loadavg = [os.loadavg()[0] as number];
  const runs = Math.max(RUNS, KEY_RUNS);
  for (let i = 0; i < runs; i++) {
    for (const { app, context, url } of targets) {
      const { page, result } = await openPage(context, url);
      if (i < RUNS) opens[app].push(result);
      log(`run ${i + 1}/${runs} ${app.padEnd(9)} open → painted ${ms(result.paintedAt)} (editor ${ms(result.editorAt)}, highlights ${ms(result.marksAt)})`);
      // The static page is only a floor for opening: without ProseMirror,
      // Chromium's own caret movement in a 100,000-word contenteditable is
      // far slower than with it, so its keystrokes would mean nothing here.
      if (i < KEY_RUNS && app !== "bare") {
        const phases = await keySession(page, app);
        sessions[app].push(phases);
        const navPhases = phases.filter((p) => NAV_PHASES.includes(p.name));
        const nav = phaseStats(navPhases.flatMap((p) => p.samples), navPhases.flatMap((p) => p.loafs));
        const typing = phases.find((p) => p.name === "type in Rationale");
        const t = typing ? phaseStats(typing.samples, typing.loafs) : null;
        log(`run ${i + 1}/${runs} ${app.padEnd(9)} keys: navigation p95 ${ms(nav.p95, 1)} (${nav.longFrames} long frames), rationale typing p95 ${ms(t?.p95, 1)} (${t?.longFrames ?? 0} long frames)`);
      }
      await page.close();
      // Let the closed page's renderer tear down (it holds a 100,000-word DOM)
      // before the next navigation, so it does not compete with the next page.
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
  }
  loadavg.push(os.loadavg()[0] as number);

  let profiles: Record<string, unknown> | null = null;
  if (PROFILE) {
    log("profiling (trace + CPU profile of one more open of each page)…");
    const app = await profileOpen(browser, appContext, articleUrl, "claimdesk", OUT_DIR);
    const appTyping = await (async () => {
      const page = app.page;
      await page.waitForTimeout(1000);
      await openClaimFromList(page, 41);
      const rationale = page.getByLabel("Rationale");
      await rationale.click();
      await rationale.press("End");
      const summary = await profileTyping(appContext, page, "claimdesk", OUT_DIR);
      await waitForAllSaved(page);
      await page.evaluate("localStorage.clear()");
      await page.close();
      return summary;
    })();
    const base = await profileOpen(browser, baseContext, baseline.url, "baseline", OUT_DIR);
    await base.page.close();
    profiles = { claimdesk: { ...app, page: undefined, typing: appTyping }, baseline: { ...base, page: undefined } };
  }

  // ---------------------------------------------------------------- report
  const open = (app: App, key: keyof OpenResult) => median(opens[app].map((r) => r[key] as number));
  const keys = { claimdesk: summariseSessions(sessions.claimdesk), baseline: summariseSessions(sessions.baseline) };
  const c0 = opens.claimdesk[0]!;
  const b0 = opens.baseline[0]!;
  const cpuModel = os.cpus()[0]?.model ?? "unknown CPU";
  console.log("");
  console.log(
    `Machine: ${os.cpus().length} × ${cpuModel}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Chromium ${chromiumVersion} (headless, ${VIEWPORT.width}×${VIEWPORT.height}); load average ${loadavg.map((l) => l.toFixed(1)).join(" → ")} during the runs`,
  );
  if (Math.max(...loadavg) > os.cpus().length) {
    console.log(`WARNING: the machine was busy (load average above ${os.cpus().length}): absolute times are inflated and ratios are noisy.`);
  }
  console.log(
    `Article: ${data.words.toLocaleString("en")} words, ${data.paragraphs} paragraphs + ${data.headings} headings, ${data.claims.length} claims (${data.nested + data.partial} overlapping), ${c0.markElements} <mark> elements in Claimdesk, ${b0.markElements} in the baseline`,
  );
  console.log("");
  console.log(`Open (median of ${RUNS}, after one warm-up; ms since navigation start). Static = the same DOM as plain HTML, no JavaScript (a floor).`);
  const openRows: [string, keyof OpenResult][] = [
    ["first response byte", "responseStart"],
    ["document downloaded", "responseEnd"],
    ["first contentful paint", "fcp"],
    ["DOMContentLoaded", "domContentLoaded"],
    ["editor in the DOM", "editorAt"],
    ["all highlights in the DOM", "marksAt"],
    ["painted (double rAF) ← open time", "paintedAt"],
    ["long frames (> 50 ms) until painted", "longFrames"],
    ["main thread blocked in long frames", "blockingMs"],
  ];
  console.log(
    table([
      ["", "Claimdesk", "baseline", "ratio", "static"],
      ...openRows.map(([label, key]) => {
        const [a, b, c] = (["claimdesk", "baseline", "bare"] as const).map((app) => open(app, key));
        const fmt = key === "longFrames" ? (v: number) => String(v) : (v: number) => ms(v);
        return [label, fmt(a!), fmt(b!), key === "longFrames" ? "" : ratio(a!, b!), fmt(c!)];
      }),
    ]),
  );
  console.log(
    `Transfer: Claimdesk document ${(c0.documentBytes / 1024).toFixed(0)} KiB (inline RSC/scripts ${(c0.inlineScriptBytes / 1024).toFixed(0)} KiB), scripts ${(c0.scriptBytes / 1024).toFixed(0)} KiB, ${c0.domElements.toLocaleString("en")} elements; ` +
      `baseline document ${(b0.documentBytes / 1024).toFixed(1)} KiB, script ${(b0.scriptBytes / 1024).toFixed(0)} KiB, data ${(b0.fetchBytes / 1024).toFixed(0)} KiB, ${b0.domElements.toLocaleString("en")} elements`,
  );
  const openRatio = open("claimdesk", "paintedAt") / open("baseline", "paintedAt");
  console.log(`→ open: ${ms(open("claimdesk", "paintedAt"))} vs ${ms(open("baseline", "paintedAt"))} = ${openRatio.toFixed(2)}× (target ≤ 1.5×: ${openRatio <= 1.5 ? "met" : "MISSED"})`);

  console.log("");
  console.log(
    `Keystrokes (${KEY_RUNS} session(s) × ${KEYS_PER_KIND} of each navigation key, ${[...TYPED].length} characters typed; keydown → frame painted; median over sessions; long frames summed over sessions)`,
  );
  const keyRows: string[][] = [["", "Claimdesk p50", "p95", "baseline p50", "p95", "p95 ratio", "script p95 C/B", "PM dispatch p95 C/B", "long frames C/B", "longest C/B"]];
  const phaseNames = ["ArrowRight", "ArrowDown", "Shift+ArrowRight", "navigation keys (all)", "type in Rationale", "autosave round trip", "type in the article (reference)"];
  for (const name of phaseNames) {
    const a = keys.claimdesk[name];
    const b = keys.baseline[name];
    if (!a && !b) continue;
    keyRows.push([
      name,
      ms(a?.p50, 1),
      ms(a?.p95, 1),
      ms(b?.p50, 1),
      ms(b?.p95, 1),
      a && b ? ratio(a.p95, b.p95) : "",
      `${ms(a?.scriptP95, 1)} / ${ms(b?.scriptP95, 1)}`,
      `${ms(a?.dispatchP95, 2)} / ${ms(b?.dispatchP95, 2)}`,
      `${a?.longFrames ?? "–"} / ${b?.longFrames ?? "–"}`,
      `${ms(a?.longest)} / ${ms(b?.longest)}`,
    ]);
  }
  console.log(table(keyRows));
  const navA = keys.claimdesk["navigation keys (all)"]!;
  const navB = keys.baseline["navigation keys (all)"]!;
  const typA = keys.claimdesk["type in Rationale"]!;
  const typB = keys.baseline["type in Rationale"]!;
  const navRatio = navA.p95 / navB.p95;
  const typRatio = typA.p95 / typB.p95;
  console.log(
    `→ selection keys: p95 ${ms(navA.p95, 1)} vs ${ms(navB.p95, 1)} = ${navRatio.toFixed(2)}×, ${navA.longFrames} long frames (target ≤ 1.1× and none: ${navRatio <= 1.1 && navA.longFrames === 0 ? "met" : "MISSED"})`,
  );
  console.log(
    `→ typing in Rationale: p95 ${ms(typA.p95, 1)} vs ${ms(typB.p95, 1)} (the same textarea beside the baseline editor) = ${typRatio.toFixed(2)}×, ${typA.longFrames} long frames (target ≤ 1.1× and none: ${typRatio <= 1.1 && typA.longFrames === 0 ? "met" : "MISSED"})`,
  );

  // What ran in the long frames of each Claimdesk phase (Long Animation Frames API attribution).
  const longFramePhases = [...new Set(sessions.claimdesk.flat().map((p) => p.name))];
  for (const name of longFramePhases) {
    const frames = sessions.claimdesk.flat().filter((p) => p.name === name).flatMap((p) => p.loafs).filter((l) => l.duration > 50);
    if (!frames.length) continue;
    const byScript = new Map<string, { ms: number; n: number }>();
    for (const f of frames) {
      for (const sc of f.scripts) {
        const key = `${sc.invoker} (${sc.sourceURL.replace(/^.*\/_next\/static\/chunks\//, "chunks/") || "?"})`;
        const row = byScript.get(key) ?? { ms: 0, n: 0 };
        row.ms += sc.duration;
        row.n++;
        byScript.set(key, row);
      }
    }
    const render = frames.reduce((sum, f) => sum + Math.max(0, f.renderMs), 0);
    const top = [...byScript].sort((a, b) => b[1].ms - a[1].ms).slice(0, 3).map(([k, v]) => `${k}: ${Math.round(v.ms)} ms in ${v.n}`);
    console.log(`  Claimdesk long frames in "${name}": ${frames.length}, ${Math.round(frames.reduce((s2, f) => s2 + f.duration, 0))} ms in all, of which rendering ${Math.round(render)} ms; scripts: ${top.join("; ") || "none attributed"}`);
  }

  if (profiles) {
    const p = profiles as {
      claimdesk: { trace: ReturnType<typeof summariseTrace>; cpu: ReturnType<typeof summariseCpuProfile>; typing: ReturnType<typeof summariseCpuProfile>; tracePath: string; profilePath: string };
      baseline: { trace: ReturnType<typeof summariseTrace>; cpu: ReturnType<typeof summariseCpuProfile>; tracePath: string; profilePath: string };
    };
    for (const app of ["claimdesk", "baseline"] as const) {
      console.log("");
      console.log(`Profile of one open, ${app} (trace ${path.relative(ROOT, p[app].tracePath)}, CPU profile ${path.relative(ROOT, p[app].profilePath)})`);
      console.log("  main thread self time by trace event:");
      console.log(table(p[app].trace.byName.slice(0, 14).map((r) => [`    ${r.name}`, ms(r.ms, 1)])));
      console.log("  JavaScript self time by script:");
      console.log(table(p[app].cpu.byUrl.slice(0, 10).map((r) => [`    ${r.name}`, ms(r.ms, 1)])));
      console.log("  top functions (self time):");
      console.log(table(p[app].cpu.byFunction.slice(0, 15).map((r) => [`    ${r.name}`, ms(r.ms, 1)])));
    }
    console.log("");
    console.log("Claimdesk, typing 30 characters in Rationale — JavaScript self time by function:");
    console.log(table(p.claimdesk.typing.byFunction.slice(0, 15).map((r) => [`    ${r.name}`, ms(r.ms, 1)])));
  }

  mkdirSync(OUT_DIR, { recursive: true });
  const outFile = path.join(OUT_DIR, `open-article-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(
    outFile,
    JSON.stringify(
      {
        machine: { cpus: os.cpus().length, cpuModel, memGiB: os.totalmem() / 2 ** 30, node: process.version, chromium: chromiumVersion, loadavg },
        build: buildInfo,
        article: { words: data.words, paragraphs: data.paragraphs, headings: data.headings, characters: data.plainText.length, claims: data.claims.length, nested: data.nested, partial: data.partial },
        opens,
        keys,
        ratios: { open: openRatio, navigationKeysP95: navRatio, rationaleTypingP95: typRatio },
        profiles: profiles ? JSON.parse(JSON.stringify(profiles, (k, v) => (k === "byFunction" || k === "byName" || k === "byUrl" ? (v as unknown[]).slice(0, 40) : v))) : null,
      },
      null,
      2,
    ),
  );
  log(`results written to ${path.relative(ROOT, outFile)}`);
}

main()
  .then(() => cleanup())
  .then(() => process.exit(0))
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    await cleanup();
    process.exit(1);
  });
