/**
 * Webhooks against the built app: four receivers on loopback and one
 * approval after another. The receiver that answers gets every approval,
 * signed (checked with the reference standardwebhooks library); one that
 * answers 500 first gets the same message again and then succeeds; one that
 * never answers does not slow the approvals (they only insert rows); one on
 * a private address that URL_IMPORT_ALLOW_HOSTS does not name is never
 * contacted, and its deliveries say "blocked".
 *
 *   npx next build && npx vitest run --config vitest.reliability.config.mts test/reliability/webhooks.test.ts
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, describe, expect, it } from "vitest";
import {
  ACTIONS,
  DEMO,
  HttpClient,
  claimFields,
  createClaims,
  killOnExit,
  openDatabaseFile,
  percentile,
  sampleArticle,
  startApp,
  type ActionOutcome,
  type App,
  type ClaimState,
} from "@/test/support/server";

const APPROVALS = 5;

type Hit = { headers: Record<string, string>; body: string };
type Receiver = { server: http.Server; port: number; hits: Hit[] };

async function receiver(answer: (hit: Hit, n: number, response: http.ServerResponse) => void): Promise<Receiver> {
  const hits: Hit[] = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (c: Buffer) => (body += c.toString()));
    request.on("end", () => {
      const hit = { headers: request.headers as Record<string, string>, body };
      hits.push(hit);
      answer(hit, hits.filter((h) => h.headers["webhook-id"] === hit.headers["webhook-id"]).length, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

const receivers: Receiver[] = [];
let app: App | undefined;
killOnExit(() => app?.server);
afterAll(async () => {
  await app?.close();
  for (const r of receivers) {
    r.server.closeAllConnections();
    await new Promise<void>((resolve) => r.server.close(() => resolve()));
  }
});

function ok<T>(result: ActionOutcome<T>, what: string): T {
  if (!("ok" in result) || !result.ok) throw new Error(`${what} failed: ${JSON.stringify(result).slice(0, 400)}`);
  return result.data;
}

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("webhooks from the running app", () => {
  it("deliver signed approvals, retry a 500, are not slowed by a hanging receiver, and never reach a blocked address", async () => {
    const good = await receiver((_hit, _n, response) => response.writeHead(200).end("ok"));
    const flaky = await receiver((_hit, n, response) => (n === 1 ? response.writeHead(500).end("down") : response.writeHead(204).end()));
    const hanging = await receiver(() => undefined);
    const forbidden = await receiver((_hit, _n, response) => response.writeHead(200).end());
    receivers.push(good, flaky, hanging, forbidden);

    app = await startApp({
      env: {
        // The forbidden receiver is left out: it stands for an internal service.
        URL_IMPORT_ALLOW_HOSTS: [good, flaky, hanging].map((r) => `127.0.0.1:${r.port}`).join(","),
        WEBHOOK_RETRY_SCHEDULE: "300ms,300ms,300ms",
        WEBHOOK_POLL_MS: "200",
        WEBHOOK_TIMEOUT_MS: "4000",
      },
    });
    const admin = new HttpClient(app.url);
    const reviewer = new HttpClient(app.url);
    const editor = new HttpClient(app.url);
    expect(await admin.signIn(DEMO.admin)).toBe(true);
    expect(await reviewer.signIn(DEMO.reviewer)).toBe(true);
    expect(await editor.signIn(DEMO.editor)).toBe(true);

    const register = async (url: string) =>
      ok(
        (await admin.action(ACTIONS.webhooks, "createWebhookEndpointAction", [{ url, events: ["claim.approved"] }], "/admin/webhooks")) as ActionOutcome<{ endpoint: { id: string }; secret: string }>,
        `register ${url}`,
      );
    const goodEndpoint = await register(`http://127.0.0.1:${good.port}/hooks`);
    const flakyEndpoint = await register(`http://127.0.0.1:${flaky.port}/hooks`);
    const hangingEndpoint = await register(`http://127.0.0.1:${hanging.port}/hooks`);
    const forbiddenEndpoint = await register(`http://localhost:${forbidden.port}/internal`);

    // Claims with a verdict, proposed by the reviewer.
    const article = await sampleArticle(app.dbFile);
    const claims = await createClaims(reviewer, article, APPROVALS);
    const proposed: ClaimState[] = [];
    for (const claim of claims) {
      const saved = ok(
        (await reviewer.action(ACTIONS.article, "saveClaimAction", [{ claimId: claim.id, baseVersion: claim.version, fields: { ...claimFields(claim, "Checked."), verdict: "false" } }], `/articles/${article.id}`)) as ActionOutcome<{ status: string; claim: ClaimState }>,
        "save",
      );
      const moved = ok(
        (await reviewer.action(ACTIONS.article, "submitForApprovalAction", [{ claimId: claim.id, version: saved.claim.version }], `/articles/${article.id}`)) as ActionOutcome<{ status: string; claim: ClaimState }>,
        "submit",
      );
      proposed.push(moved.claim);
    }

    // Approve one after another while the hanging receiver holds its connections open.
    const latencies: number[] = [];
    for (const claim of proposed) {
      const started = performance.now();
      const approved = ok(
        (await editor.action(ACTIONS.article, "approveClaimAction", [{ claimId: claim.id, version: claim.version }], `/articles/${article.id}`)) as ActionOutcome<{ status: string }>,
        "approve",
      );
      latencies.push(performance.now() - started);
      expect(approved.status).toBe("done");
      if (claim === proposed[0]) await until("the hanging receiver to be called", async () => (hanging.hits.length > 0 ? true : undefined));
    }
    console.log(`approve latency with a hanging receiver: median ${percentile(latencies, 50).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms`);
    // Generous: an approval is a few queries; the hanging receiver holds each attempt for 4 s.
    expect(Math.max(...latencies)).toBeLessThan(2_000);

    // The good receiver gets every approval, signed with its secret.
    await until("every approval at the good receiver", async () => (good.hits.length >= APPROVALS ? true : undefined));
    const verifier = new Webhook(goodEndpoint.secret);
    const approvedIds = good.hits.map((hit) => (verifier.verify(hit.body, hit.headers) as { type: string; data: { claim: { id: string } } }).data.claim.id);
    expect(approvedIds.sort()).toEqual(proposed.map((c) => c.id).sort());
    expect(() => new Webhook(flakyEndpoint.secret).verify(good.hits[0]!.body, good.hits[0]!.headers)).toThrow();

    const db = await openDatabaseFile(app.dbFile);
    try {
      const rowsOf = async (endpointId: string) =>
        (await db.execute({ sql: "SELECT status, attempts, last_http_status, last_error FROM webhook_deliveries WHERE endpoint_id = ?", args: [endpointId] })).rows;

      // The flaky receiver: 500, then the same message again, 204.
      const flakyRows = await until("the flaky receiver's retries", async () => {
        const rows = await rowsOf(flakyEndpoint.endpoint.id);
        return rows.length === APPROVALS && rows.every((r) => r.status === "succeeded") ? rows : undefined;
      });
      expect(flakyRows.every((r) => Number(r.attempts) === 2 && Number(r.last_http_status) === 204)).toBe(true);
      expect(flaky.hits).toHaveLength(APPROVALS * 2);
      expect(new Set(flaky.hits.map((h) => h.headers["webhook-id"])).size).toBe(APPROVALS);

      // The hanging receiver: attempts time out and are queued again, none succeeded.
      const hangingRows = await until("a timed-out attempt", async () => {
        const rows = await rowsOf(hangingEndpoint.endpoint.id);
        return rows.some((r) => String(r.last_error ?? "").startsWith("timeout")) ? rows : undefined;
      });
      expect(hangingRows.every((r) => r.status !== "succeeded")).toBe(true);

      // The forbidden receiver: never contacted; each delivery failed as blocked.
      const forbiddenRows = await until("the blocked deliveries", async () => {
        const rows = await rowsOf(forbiddenEndpoint.endpoint.id);
        return rows.length === APPROVALS && rows.every((r) => r.status === "failed") ? rows : undefined;
      });
      expect(forbiddenRows.every((r) => String(r.last_error).startsWith("blocked:") && Number(r.attempts) === 1)).toBe(true);
      expect(forbidden.hits).toHaveLength(0);
    } finally {
      db.close();
    }

    // The admin page lists what happened.
    const state = ok((await admin.action(ACTIONS.webhooks, "listWebhooksAction", [], "/admin/webhooks")) as ActionOutcome<{ deliveries: { status: string; lastError: string | null }[] }>, "list");
    expect(state.deliveries.filter((d) => d.lastError?.startsWith("blocked"))).toHaveLength(APPROVALS);
  });
});
