/**
 * The parser bombs, against the built app: pathological documents posted
 * through the real import action while another client probes GET /api/health
 * every ~50 ms. Each bomb must end, within seconds, in an imported article or
 * the readable "too complex" (or "too much formatting") error; the health
 * probe must stay fast throughout (the parsing happens in the import worker,
 * not on the event loop): every answer under 100 ms but for at most one
 * outlier (under 250 ms: a GC pause or the machine's other load), with the
 * figures printed; and the desk's data must be intact afterwards.
 *
 * The app runs with IMPORT_TIMEOUT_MS=1500 (the default is 5 s) so that the
 * time limit, the worker's termination and its replacement are exercised in
 * the production build even on a fast machine.
 *
 *   npx next build && npx vitest run --config vitest.reliability.config.mts test/reliability/parser-bombs.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HTML_DEEP, HTML_LARGE_ARTICLE, MARKDOWN_EMPHASIS_100K, MARKDOWN_EMPHASIS_500K, fill, type Bomb } from "@/lib/import/fixtures/bombs";
import { ACTIONS, DEMO, HttpClient, killOnExit, startApp, type App } from "@/test/support/server";

type ImportResult = { ok: true; data: { id: string } } | { ok: false; error: { code: string; message: string } };

const TIMEOUT_MS = 1500;
const BOMBS: Bomb[] = [
  MARKDOWN_EMPHASIS_100K,
  MARKDOWN_EMPHASIS_500K,
  HTML_LARGE_ARTICLE,
  HTML_DEEP,
  { name: "Markdown: 1 MB of nested `> - `", format: "markdown", make: () => fill("> - ", 1024 * 1024) + "deep" },
  { name: "Markdown: lists nested 1,000 levels by indent", format: "markdown", make: () => Array.from({ length: 1000 }, (_, i) => "  ".repeat(i) + "- item").join("\n") },
  {
    name: "Markdown: a 2 MB table",
    format: "markdown",
    make: () => "|" + "h|".repeat(500) + "\n|" + "-|".repeat(500) + "\n" + ("|" + "x|".repeat(500) + "\n").repeat(2000),
  },
];
const READABLE = /^(This document is too complex to import|This file has too much formatting to import|This file’s formatting is nested too deeply to import)/;

let app: App;
beforeAll(async () => {
  app = await startApp({ env: { IMPORT_TIMEOUT_MS: String(TIMEOUT_MS) } });
  killOnExit(() => app?.server);
});
afterAll(() => app?.close());

/** GET /api/health every ~50 ms until stopped; each answer's latency in ms. */
function probeHealth(url: string) {
  const latencies: number[] = [];
  /** [sent at, latency] of each probe, to tell which bomb a slow answer belongs to. */
  const samples: [number, number][] = [];
  let failures = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) });
        await response.arrayBuffer();
        if (!response.ok) failures++;
      } catch {
        failures++;
      }
      latencies.push(performance.now() - started);
      samples.push([started, performance.now() - started]);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    latencies,
    /** The slowest answer to a probe sent between `from` and `to`. */
    maxBetween: (from: number, to: number) => Math.max(0, ...samples.filter(([at]) => at >= from && at < to).map(([, ms]) => ms)),
    failures: () => failures,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * values.length) - 1)] ?? NaN;

describe("parser bombs through the import action", () => {
  it("each bomb imports or gets the readable error within seconds, health stays fast, data stays intact", async () => {
    const client = new HttpClient(app.url);
    expect(await client.signIn(DEMO.reviewer)).toBe(true);
    const importForm = async (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      return (await client.actionForm(ACTIONS.import, "importArticleAction", form, "/articles/import")) as ImportResult | { httpStatus: number; body: string };
    };
    // An ordinary article first: it loads the workers, and must survive what follows.
    const before = await importForm({ title: "Before the bombs", format: "markdown", body: "An *ordinary* article about the **budget**." });
    expect(before).toMatchObject({ ok: true });
    const beforeId = (before as { data: { id: string } }).data.id;

    // Bodies are built before probing, so the test's own work does not delay the probes.
    const bodies = BOMBS.map((b) => ({ bomb: b, body: b.make() }));
    // The same probe with nothing else going on, for comparison (this machine's own noise).
    const idle = probeHealth(app.url);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await idle.stop();
    const probe = probeHealth(app.url);
    const rows: string[] = [];
    let refusedByTimeLimit = 0;
    try {
      for (const { bomb, body } of bodies) {
        const started = performance.now();
        const result = await importForm({ title: bomb.name, format: bomb.format, body });
        const ms = performance.now() - started;
        const healthMax = probe.maxBetween(started, performance.now());
        expect("ok" in result, `${bomb.name}: ${JSON.stringify(result).slice(0, 300)}`).toBe(true);
        const r = result as ImportResult;
        if (!r.ok) {
          expect(r.error.message, bomb.name).toMatch(READABLE);
          expect(r.error.code).toMatch(/:import$/);
          if (/too complex/.test(r.error.message)) refusedByTimeLimit++;
        }
        // The time limit plus the worker's start-up and the upload, on a loaded machine.
        expect(ms, bomb.name).toBeLessThan(TIMEOUT_MS + 10_000);
        rows.push(`${bomb.name.padEnd(48)} ${(body.length / 1024).toFixed(0).padStart(5)} KB  ${r.ok ? "imported" : `refused: ${r.error.message.slice(0, 45)}…`}  ${ms.toFixed(0)} ms  (health max ${healthMax.toFixed(0)} ms)`);
      }
    } finally {
      await probe.stop();
    }
    const { latencies } = probe;
    const max = Math.max(...latencies);
    console.log(
      `\nParser bombs through importArticleAction (IMPORT_TIMEOUT_MS=${TIMEOUT_MS}):\n${rows.join("\n")}\n` +
        `GET /api/health idle: ${idle.latencies.length} probes, median ${pct(idle.latencies, 50).toFixed(1)} ms, p99 ${pct(idle.latencies, 99).toFixed(1)} ms, max ${Math.max(...idle.latencies).toFixed(1)} ms\n` +
        `GET /api/health during the bombs: ${latencies.length} probes, median ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, max ${max.toFixed(1)} ms, ${probe.failures()} failed\n`,
    );
    expect(probe.failures()).toBe(0);
    // The issue's target: health under 100 ms throughout. Before, one bomb
    // blocked it for seconds (100 KB of `*a`: 4.7 s; the 1.9 MB page: 3–10 s;
    // 500 KB of `*a`: over a minute). One outlier is allowed, under 250 ms: a
    // single GC pause or a burst of the machine's other load, not a parser.
    const slow = latencies.filter((ms) => ms >= 100);
    expect(slow.length, `probes at or over 100 ms: ${slow.map((ms) => ms.toFixed(0)).join(", ")}`).toBeLessThanOrEqual(1);
    expect(max).toBeLessThan(250);
    // The time limit really ended at least one worker in this build (the 2 MB table takes longer than 1.5 s).
    expect(refusedByTimeLimit).toBeGreaterThan(0);

    // Afterwards: the earlier article is intact, and the replaced workers import again.
    const page = await client.fetch(`/articles/${beforeId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("ordinary");
    const after = await importForm({ title: "After the bombs", format: "html", body: "<p>Still <b>importing</b>.</p>" });
    expect(after).toMatchObject({ ok: true });
    const list = await (await client.fetch("/articles")).text();
    expect(list).toContain("Before the bombs");
    expect(list).toContain("After the bombs");
  });
});
