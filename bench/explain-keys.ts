/**
 * bench:explain-keys — what in the Claimdesk article page makes a selection
 * change cost more than on the minimal TipTap page.
 *
 * Same environment as bench:open. Re-measures Shift+ArrowRight and ArrowDown
 * (keydown → frame painted) on the Claimdesk page with parts of the page
 * switched off through injected CSS (nothing in the app is changed), beside
 * the baseline, interleaved over several rounds. With --trace, also records a
 * Chrome trace of 40 Shift+ArrowRight on each page and prints the main-thread
 * time per keystroke by trace event (style, layout, paint, script…).
 *
 * With --typing, also types in a claim's Rationale on each variant and
 * reports the first keystroke (the one that flips the claim to "unsaved") and
 * the frames of the autosave round trip.
 *
 * Usage (after `npx next build`): npm run bench:explain-keys [-- --rounds 2] [-- --trace] [-- --typing]
 */
import type { Page } from "@playwright/test";
import { cleanup, installCleanupHandlers, log, startEnvironment } from "./lib/env";
import { keySession, keyProbeReady, openPage, phaseStats, placeCaret, pressMany, take, type Phase } from "./lib/measure";
import { summariseTrace } from "./lib/profile";
import { median, ms, table } from "./lib/stats";

const argv = process.argv.slice(2);
const ROUNDS = (() => {
  const i = argv.indexOf("--rounds");
  return i >= 0 ? Math.max(1, Number(argv[i + 1]) || 2) : 2;
})();
const TRACE = argv.includes("--trace");
const TYPING = argv.includes("--typing");
const KINDS = ["Shift+ArrowRight", "ArrowDown"];
const KEYS = 60;

const LIST_ITEMS = 'ol[aria-label="Claims in document order"] > li';
const VARIANTS: { name: string; css: string }[] = [
  { name: "Claimdesk as built", css: "" },
  { name: "… sticky header without backdrop-filter", css: "header { backdrop-filter: none !important; -webkit-backdrop-filter: none !important; }" },
  { name: "… claim list not rendered (display: none)", css: `${LIST_ITEMS} { display: none !important; }` },
  { name: "… claim list items content-visibility: auto", css: `${LIST_ITEMS} { content-visibility: auto; contain-intrinsic-size: auto 64px; }` },
  {
    name: "… claim list as block flow instead of CSS grid",
    css: `ol[aria-label="Claims in document order"] { display: block !important; } ${LIST_ITEMS} + li { margin-top: 0.25rem; }`,
  },
];

async function main() {
  installCleanupHandlers(30 * 60_000);
  const env = await startEnvironment();
  const results = new Map<string, Phase[][]>();
  const record = (name: string, phases: Phase[]) => results.set(name, [...(results.get(name) ?? []), phases]);

  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of VARIANTS) {
      const { page } = await openPage(env.appContext, env.articleUrl);
      if (variant.css) await page.addStyleTag({ content: variant.css });
      record(variant.name, await keySession(page, "claimdesk", { kinds: KINDS, keysPerKind: KEYS, typing: TYPING }));
      await page.close();
      log(`round ${round + 1}/${ROUNDS}: ${variant.name}`);
    }
    const { page } = await openPage(env.baseContext, env.baseline.url);
    record("baseline (minimal TipTap)", await keySession(page, "baseline", { kinds: KINDS, keysPerKind: KEYS, typing: false }));
    await page.close();
    log(`round ${round + 1}/${ROUNDS}: baseline`);
  }

  console.log(`\nSelection keys, ${ROUNDS} round(s) × ${KEYS} of each (keydown → frame painted; median over rounds; long frames summed)`);
  const rows: string[][] = [["", ...KINDS.flatMap((k) => [`${k} p50`, "p95"]), "long frames"]];
  for (const [name, sessions] of results) {
    const cells: string[] = [name];
    let longFrames = 0;
    for (const kind of KINDS) {
      const stats = sessions.map((phases) => {
        const p = phases.filter((x) => x.name === kind);
        return phaseStats(p.flatMap((x) => x.samples), p.flatMap((x) => x.loafs));
      });
      cells.push(ms(median(stats.map((s) => s.p50)), 1), ms(median(stats.map((s) => s.p95)), 1));
      longFrames += stats.reduce((s, x) => s + x.longFrames, 0);
    }
    cells.push(String(longFrames));
    rows.push(cells);
  }
  console.log(table(rows));

  if (TYPING) {
    console.log(`\nTyping in Rationale (${ROUNDS} round(s); first keystroke flips the claim to "unsaved"; the save flips it back)`);
    const typingRows: string[][] = [["", "first key", "other keys p50", "p95", "long frames", "autosave: long frames", "longest"]];
    for (const [name, sessions] of results) {
      const typing = sessions.map((phases) => phases.find((p) => p.name === "type in Rationale")).filter((p): p is Phase => !!p);
      const saves = sessions.map((phases) => phases.find((p) => p.name === "autosave round trip")).filter((p): p is Phase => !!p);
      if (!typing.length) continue;
      const first = median(typing.map((p) => p.samples[0]?.latency ?? Number.NaN));
      const rest = typing.map((p) => phaseStats(p.samples.slice(1), p.loafs));
      const saveFrames = saves.flatMap((p) => p.loafs).filter((l) => l.duration > 50);
      typingRows.push([
        name,
        ms(first, 1),
        ms(median(rest.map((r) => r.p50)), 1),
        ms(median(rest.map((r) => r.p95)), 1),
        String(typing.flatMap((p) => p.loafs).filter((l) => l.duration > 50).length),
        String(saveFrames.length),
        ms(Math.max(0, ...saveFrames.map((l) => l.duration))),
      ]);
    }
    console.log(table(typingRows));
  }

  if (TRACE) {
    const traced = async (page: Page, label: string) => {
      await page.waitForTimeout(1000);
      await keyProbeReady(page);
      await placeCaret(page);
      await env.browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "blink"] });
      await page.keyboard.down("Shift");
      await pressMany(page, "ArrowRight", 40);
      await page.keyboard.up("Shift");
      const trace = summariseTrace(JSON.parse((await env.browser.stopTracing()).toString()));
      await take(page, "traced");
      await page.close();
      return { label, trace };
    };
    const a = await traced((await openPage(env.appContext, env.articleUrl)).page, "Claimdesk");
    const b = await traced((await openPage(env.baseContext, env.baseline.url)).page, "baseline");
    const names = [...new Set([...a.trace.byName.slice(0, 14), ...b.trace.byName.slice(0, 14)].map((r) => r.name))];
    const per = (t: typeof a, name: string) => (t.trace.byName.find((r) => r.name === name)?.ms ?? 0) / 40;
    console.log("\nMain thread per Shift+ArrowRight (self time by trace event, mean of 40)");
    console.log(
      table([
        ["", "Claimdesk", "baseline"],
        ...names.sort((x, y) => per(a, y) - per(a, x)).map((n) => [n, ms(per(a, n), 2), ms(per(b, n), 2)]),
      ]),
    );
  }
}

main()
  .then(() => cleanup())
  .then(() => process.exit(0))
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    await cleanup();
    process.exit(1);
  });
