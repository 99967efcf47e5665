import { fork } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { saveClaim } from "@/db/queries/claims";
import { publishArticle, unpublishArticle } from "@/db/queries/publishing";
import * as wh from "@/db/queries/webhooks";
import * as wf from "@/db/queries/workflow";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import type { ClaimDto } from "@/lib/claims";
import { createDeliverer, type DelivererOptions } from "@/lib/webhooks/deliverer";
import { webhookMessage } from "@/lib/webhooks/events";
import { expectAppError, openTestDesk } from "@/test/support/database";

const desk = await openTestDesk("webhooks");
afterAll(desk.close);
const { reviewer, editor, admin } = desk;
const QUOTE = "The vast majority of Iraq’s provinces are controlled by Iran-supported militias";

async function proposed(): Promise<ClaimDto> {
  const claim = await desk.mark(QUOTE);
  const saved = await saveClaim({
    actor: reviewer,
    input: { claimId: claim.id, baseVersion: claim.version, fields: { claimAsChecked: "Most Iraqi provinces are run by militias.", claimant: "A minister", verdict: "false", rationale: "No.", sources: [] } },
  });
  if (saved.status !== "saved") throw new Error("save conflict");
  const moved = await wf.submitForApproval({ actor: reviewer, input: { claimId: claim.id, version: saved.claim.version } });
  if (moved.status !== "done") throw new Error("submit conflict");
  return moved.claim;
}

async function deliveries(where?: ReturnType<typeof eq>) {
  const db = await getDb();
  return db.select().from(webhookDeliveries).where(where).orderBy(webhookDeliveries.createdAt);
}

async function register(events: string[], url = "https://hooks.example.com/claimdesk", actor: SessionUser = admin) {
  return wh.createWebhookEndpoint({ actor, input: { url, events } });
}

async function clearWebhooks() {
  const db = await getDb();
  await db.delete(webhookDeliveries);
  await db.delete(webhookEndpoints);
}

describe("webhook endpoints", () => {
  beforeEach(clearWebhooks);

  it("are registered by admins with a whsec_ secret returned once, and listed without it", async () => {
    const { endpoint, secret } = await register(["claim.approved", "article.published"]);
    expect(secret).toMatch(/^whsec_/);
    expect(endpoint).toMatchObject({ url: "https://hooks.example.com/claimdesk", events: ["claim.approved", "article.published"], enabled: true, createdByName: admin.name });
    const state = await wh.getWebhooks({ actor: admin });
    expect(state.endpoints).toHaveLength(1);
    expect(JSON.stringify(state)).not.toContain(secret);
    expect(state.endpoints[0]!.secretHint).toBe(`${secret.slice(0, 10)}…`);
  });

  it("refuse editors and reviewers", async () => {
    for (const actor of [editor, reviewer]) {
      await expectAppError(register(["claim.approved"], undefined, actor), "forbidden:webhook");
      await expectAppError(wh.getWebhooks({ actor }), "forbidden:webhook");
    }
  });

  it("refuse URLs that are not http(s), carry credentials, or list no or unknown events", async () => {
    for (const url of ["ftp://hooks.example.com/", "file:///etc/passwd", "javascript:alert(1)", "https://user:pw@hooks.example.com/", "hooks.example.com", ""]) {
      await expectAppError(register(["claim.approved"], url), "bad_request:webhook");
    }
    await expectAppError(register([]), "bad_request:webhook");
    await expectAppError(register(["claim.deleted"]), "bad_request:webhook");
    expect((await wh.getWebhooks({ actor: admin })).endpoints).toHaveLength(0);
  });

  it("refuse loopback, private, link-local and metadata IP literals with the reason, unless URL_IMPORT_ALLOW_HOSTS names the host", async () => {
    const saved = process.env.URL_IMPORT_ALLOW_HOSTS;
    try {
      process.env.URL_IMPORT_ALLOW_HOSTS = "";
      const cases: [string, RegExp][] = [
        ["http://127.0.0.1:8080/hook", /127\.0\.0\.1 is a loopback address/],
        ["http://2130706433/hook", /127\.0\.0\.1 is a loopback address/],
        ["http://[::ffff:127.0.0.1]/hook", /127\.0\.0\.1\) is a loopback address/],
        ["http://[::1]/hook", /::1 is a loopback address/],
        ["https://10.0.0.5/hook", /private network address/],
        ["http://169.254.169.254/latest/meta-data/", /cloud metadata address/],
        ["https://[fd12::1]/hook", /unique-local/],
      ];
      for (const [url, message] of cases) {
        const error = await expectAppError(register(["claim.approved"], url), "bad_request:webhook");
        expect(error.fieldErrors?.url, url).toMatch(message);
      }
      expect((await wh.getWebhooks({ actor: admin })).endpoints).toHaveLength(0);
      process.env.URL_IMPORT_ALLOW_HOSTS = "127.0.0.1:8080";
      const { endpoint } = await register(["claim.approved"], "http://127.0.0.1:8080/hook");
      expect(endpoint.url).toBe("http://127.0.0.1:8080/hook");
      await expectAppError(register(["claim.approved"], "http://127.0.0.1:8081/hook"), "bad_request:webhook");
    } finally {
      if (saved === undefined) delete process.env.URL_IMPORT_ALLOW_HOSTS;
      else process.env.URL_IMPORT_ALLOW_HOSTS = saved;
    }
  });

  it("rotate to a new secret shown once; the previous one still signs during its grace period", async () => {
    const { endpoint, secret } = await register(["claim.approved"]);
    const rotated = await wh.rotateWebhookSecret({ actor: admin, input: { endpointId: endpoint.id } });
    expect(rotated.secret).not.toBe(secret);
    const message = webhookMessage("correction.published", { article: { id: "a", title: "t", publishedUrl: null }, correction: { id: "c", kind: "correction", note: "n", publishedAt: "2026-01-01T00:00:00.000Z", publishedBy: { id: "u", name: "U" }, changes: [] } });
    await (await getDb()).batch([wh.webhookEventStatement(await getDb(), { ...message, type: "claim.approved" })]);
    const [leased] = await wh.leaseDueDeliveries({ owner: "t", limit: 10, leaseMs: 1000 });
    expect(leased!.secrets).toEqual([rotated.secret, secret]);
  });
});

describe("webhook deliveries are queued with their event", () => {
  beforeEach(clearWebhooks);

  it("an approval queues claim.approved for each enabled subscribed endpoint, in its own batch, with the claim's payload", async () => {
    const a = await register(["claim.approved"]);
    const b = await register(["claim.approved", "article.published"], "https://other.example.com/hook");
    await register(["article.published"], "https://not-subscribed.example.com/");
    const off = await register(["claim.approved"], "https://disabled.example.com/");
    await wh.setWebhookEndpointEnabled({ actor: admin, input: { endpointId: off.endpoint.id, enabled: false } });
    const claim = await proposed();
    const approved = await wf.approveClaim({ actor: editor, input: { claimId: claim.id, version: claim.version } });
    expect(approved.status).toBe("done");
    const rows = await deliveries();
    expect(rows.map((r) => r.endpointId).sort()).toEqual([a.endpoint.id, b.endpoint.id].sort());
    expect(new Set(rows.map((r) => r.messageId)).size).toBe(1);
    expect(rows[0]!.status).toBe("pending");
    const body = JSON.parse(rows[0]!.payload);
    const approvedClaim = approved.status === "done" ? approved.claim : claim;
    expect(body).toEqual({
      type: "claim.approved",
      timestamp: approvedClaim.approvedAt,
      data: {
        claim: {
          id: claim.id,
          articleId: desk.sample.id,
          quote: QUOTE,
          claimAsChecked: "Most Iraqi provinces are run by militias.",
          claimant: "A minister",
          verdict: { key: "false", label: "False" },
          approvedBy: { id: editor.id, name: editor.name },
          approvedAt: approvedClaim.approvedAt,
        },
        article: { id: desk.sample.id, title: expect.any(String), publishedUrl: null },
      },
    });
    expect(rows[0]!.payload).not.toMatch(/whsec_|password|@claimdesk/);
  });

  it("a stale or refused approval queues nothing", async () => {
    await register(["claim.approved"]);
    const claim = await proposed();
    const stale = await wf.approveClaim({ actor: editor, input: { claimId: claim.id, version: claim.version - 1 } });
    expect(stale.status).toBe("conflict");
    await expectAppError(wf.approveClaim({ actor: reviewer, input: { claimId: claim.id, version: claim.version } }), "forbidden:claim");
    expect(await deliveries()).toHaveLength(0);
    // Two editors approving the same version: one wins, one webhook.
    const [one, two] = await Promise.all([
      wf.approveClaim({ actor: editor, input: { claimId: claim.id, version: claim.version } }),
      wf.approveClaim({ actor: admin, input: { claimId: claim.id, version: claim.version } }),
    ]);
    expect([one.status, two.status].sort()).toEqual(["conflict", "done"]);
    expect(await deliveries()).toHaveLength(1);
  });

  it("an approval whose transaction fails queues nothing", async () => {
    await register(["claim.approved"]);
    const claim = await proposed();
    const db = await getDb();
    await db.run(sql.raw(`CREATE TRIGGER fail_approval BEFORE UPDATE OF status ON claims WHEN NEW.status = 'approved' BEGIN SELECT RAISE(ABORT, 'approval refused by test'); END`));
    try {
      await expect(wf.approveClaim({ actor: editor, input: { claimId: claim.id, version: claim.version } })).rejects.toThrow();
    } finally {
      await db.run(sql.raw(`DROP TRIGGER fail_approval`));
    }
    expect(await deliveries()).toHaveLength(0);
  });

  it("a bulk approval queues one message per approved claim", async () => {
    await register(["claim.approved"]);
    const [c1, c2] = [await proposed(), await proposed()];
    const result = await wf.bulkApprove({ actor: editor, input: { claimIds: [c1.id, c2.id] } });
    expect(result.outcomes.every((o) => o.done)).toBe(true);
    const rows = await deliveries();
    expect(rows.map((r) => JSON.parse(r.payload).data.claim.id).sort()).toEqual([c1.id, c2.id].sort());
  });

  it("publishing and unpublishing queue article.published and article.unpublished; a no-op unpublish queues nothing", async () => {
    await register(["article.published", "article.unpublished"]);
    await publishArticle({ actor: editor, input: { articleId: desk.sample.id, scope: "approved" } });
    await unpublishArticle({ actor: editor, input: { articleId: desk.sample.id } });
    await unpublishArticle({ actor: editor, input: { articleId: desk.sample.id } });
    const rows = await deliveries();
    expect(rows.map((r) => r.eventType)).toEqual(["article.published", "article.unpublished"]);
    const published = JSON.parse(rows[0]!.payload).data.article;
    expect(published).toMatchObject({ id: desk.sample.id, publishedUrl: `http://localhost:3000/published/${desk.sample.id}`, scope: "approved", publishedBy: { id: editor.id, name: editor.name } });
    expect(JSON.parse(rows[1]!.payload).data.article).toMatchObject({ id: desk.sample.id, publishedUrl: null, unpublishedBy: { id: editor.id } });
  });
});

describe("leasing deliveries", () => {
  beforeEach(clearWebhooks);

  async function queue(count: number) {
    await register(["claim.approved"]);
    const db = await getDb();
    for (let i = 0; i < count; i += 50) {
      const batch = Array.from({ length: Math.min(50, count - i) }, () => wh.webhookEventStatement(db, webhookMessage("claim.approved", {} as never)));
      await db.batch(batch as [never, ...never[]]);
    }
  }

  it("a leased row is not leased again until its lease expires; a lost lease records nothing", async () => {
    await queue(2);
    const now = Date.now();
    const first = await wh.leaseDueDeliveries({ owner: "a", limit: 10, leaseMs: 60_000, now });
    expect(first).toHaveLength(2);
    expect(first.every((d) => d.attempts === 1)).toBe(true);
    expect(await wh.leaseDueDeliveries({ owner: "b", limit: 10, leaseMs: 60_000, now: now + 1000 })).toHaveLength(0);
    const again = await wh.leaseDueDeliveries({ owner: "b", limit: 10, leaseMs: 60_000, now: now + 61_000 });
    expect(again.map((d) => d.id).sort()).toEqual(first.map((d) => d.id).sort());
    expect(again[0]!.attempts).toBe(2);
    const outcome = { ok: true, httpStatus: 200, error: null, retryInMs: null };
    expect(await wh.settleDelivery({ id: first[0]!.id, owner: "a", outcome })).toBe(false);
    expect(await wh.settleDelivery({ id: first[0]!.id, owner: "b", outcome })).toBe(true);
  });

  it("two processes leasing at once never take the same row, and together take them all", async () => {
    await queue(240);
    const worker = path.join(process.cwd(), "test/support/webhook-lease-worker.mts");
    const children = ["one", "two"].map((owner) =>
      fork(worker, [desk.dbFile, owner], { execArgv: ["--conditions=react-server", "--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] }),
    );
    const died = Promise.all(children.map((c) => new Promise<never>((_, reject) => c.once("exit", (code) => code !== 0 && reject(new Error(`lease worker exited with ${code}`))))));
    const ready = children.map((c) => Promise.race([died, new Promise<void>((resolve) => c.once("message", () => resolve()))]));
    await Promise.all(ready);
    const results = children.map((c) => new Promise<string[]>((resolve) => c.once("message", (m: { leased: string[] }) => resolve(m.leased))));
    for (const c of children) c.send("go");
    const [one, two] = await Promise.race([died, Promise.all(results)]);
    const overlap = one!.filter((id) => two!.includes(id));
    expect(overlap).toEqual([]);
    expect(one!.length + two!.length).toBe(240);
    expect(one!.length).toBeGreaterThan(0);
    expect(two!.length).toBeGreaterThan(0);
    const rows = await deliveries();
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
  }, 60_000);
});

// A receiver on loopback, let through the guard by URL_IMPORT_ALLOW_HOSTS where a test says so.
type Received = { headers: http.IncomingHttpHeaders; body: string; path: string };
const received: Received[] = [];
let answer = (_path: string, response: http.ServerResponse) => response.writeHead(200).end("ok");
const server = http.createServer((request, response) => {
  let body = "";
  request.on("data", (c: Buffer) => (body += c.toString()));
  request.on("end", () => {
    received.push({ headers: request.headers, body, path: request.url ?? "" });
    answer(request.url ?? "", response);
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as AddressInfo).port;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the deliverer", () => {
  beforeEach(clearWebhooks);


  /** The test schedule's wait between attempts: long enough that "not due yet" holds on a loaded machine. */
  const RETRY_MS = 400;
  const options: DelivererOptions = { pollMs: 50, timeoutMs: 2000, concurrency: 4, schedule: [RETRY_MS, RETRY_MS], maxResponseBytes: 1024, owner: "test-deliverer" };
  const deliverer = createDeliverer(options, { poll: false });

  async function approveOne() {
    const claim = await proposed();
    await wf.approveClaim({ actor: editor, input: { claimId: claim.id, version: claim.version } });
    return claim;
  }

  it("POSTs the signed body, which the standardwebhooks library verifies, and records success", async () => {
    process.env.URL_IMPORT_ALLOW_HOSTS = `127.0.0.1:${port}`;
    received.length = 0;
    answer = (_p, r) => r.writeHead(204).end();
    const { secret } = await register(["claim.approved"], `http://127.0.0.1:${port}/hook`);
    const claim = await approveOne();
    expect(await deliverer.tick()).toBe(1);
    expect(received).toHaveLength(1);
    const got = received[0]!;
    expect(got.path).toBe("/hook");
    const event = new Webhook(secret).verify(got.body, got.headers as Record<string, string>) as { type: string; data: { claim: { id: string } } };
    expect(event.type).toBe("claim.approved");
    expect(event.data.claim.id).toBe(claim.id);
    const [row] = await deliveries();
    expect(row).toMatchObject({ status: "succeeded", attempts: 1, lastHttpStatus: 204, lastError: null, leaseOwner: null });
    expect(got.headers["webhook-id"]).toBe(row!.messageId);
    expect(await deliverer.tick()).toBe(0);
  });

  it("retries a 500 on the schedule with the same message id, and marks the delivery failed when the schedule is used up", async () => {
    process.env.URL_IMPORT_ALLOW_HOSTS = `127.0.0.1:${port}`;
    received.length = 0;
    answer = (_p, r) => r.writeHead(500).end("down");
    await register(["claim.approved"], `http://127.0.0.1:${port}/down`);
    await approveOne();
    const before = Date.now();
    await deliverer.tick();
    let [row] = await deliveries();
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastHttpStatus: 500 });
    expect(row!.lastError).toContain("HTTP 500");
    // The next attempt is the schedule's wait (less at most 10 % jitter) after this one began.
    expect(row!.nextAttemptAt).toBeGreaterThanOrEqual(before + RETRY_MS * 0.9);
    expect(await deliverer.tick()).toBe(0); // not due yet
    for (let attempt = 2; attempt <= 3; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS * 1.2));
      expect(await deliverer.tick()).toBe(1);
    }
    [row] = await deliveries();
    expect(row).toMatchObject({ status: "failed", attempts: 3, lastHttpStatus: 500 });
    expect(new Set(received.map((r) => r.headers["webhook-id"])).size).toBe(1);
    expect(received).toHaveLength(3);

    // Retry now: one more attempt, and this time the endpoint answers.
    answer = (_p, r) => r.writeHead(200).end();
    await expectAppError(wh.retryWebhookDelivery({ actor: editor, input: { deliveryId: row!.id } }), "forbidden:webhook");
    await wh.retryWebhookDelivery({ actor: admin, input: { deliveryId: row!.id } });
    expect(await deliverer.tick()).toBe(1);
    [row] = await deliveries();
    expect(row).toMatchObject({ status: "succeeded", attempts: 4, lastHttpStatus: 200 });
    await expectAppError(wh.retryWebhookDelivery({ actor: admin, input: { deliveryId: row!.id } }), "conflict:webhook");
  });

  it("never contacts a private address that is not allowed, and records the delivery as blocked at once", async () => {
    process.env.URL_IMPORT_ALLOW_HOSTS = "";
    received.length = 0;
    await register(["claim.approved"], `http://localhost:${port}/internal`);
    await approveOne();
    await deliverer.tick();
    const [row] = await deliveries();
    expect(row).toMatchObject({ status: "failed", attempts: 1, lastHttpStatus: null });
    expect(row!.lastError).toMatch(/^blocked: /);
    expect(received).toHaveLength(0);
  });

  it("sends nothing to a disabled endpoint, and sends what was queued once it is enabled again", async () => {
    process.env.URL_IMPORT_ALLOW_HOSTS = `127.0.0.1:${port}`;
    received.length = 0;
    answer = (_p, r) => r.writeHead(200).end();
    const { endpoint } = await register(["claim.approved"], `http://127.0.0.1:${port}/later`);
    await approveOne();
    await wh.setWebhookEndpointEnabled({ actor: admin, input: { endpointId: endpoint.id, enabled: false } });
    await approveOne();
    expect(await deliverer.tick()).toBe(0);
    expect(received).toHaveLength(0);
    await wh.setWebhookEndpointEnabled({ actor: admin, input: { endpointId: endpoint.id, enabled: true } });
    expect(await deliverer.tick()).toBe(1);
    expect(received).toHaveLength(1);
  });

  it("does not follow a redirect", async () => {
    process.env.URL_IMPORT_ALLOW_HOSTS = `127.0.0.1:${port}`;
    received.length = 0;
    answer = (p, r) => (p === "/moved" ? r.writeHead(308, { location: "/elsewhere" }).end() : r.writeHead(200).end());
    await register(["claim.approved"], `http://127.0.0.1:${port}/moved`);
    await approveOne();
    await deliverer.tick();
    const [row] = await deliveries();
    expect(row).toMatchObject({ status: "pending", lastHttpStatus: 308 });
    expect(received.map((r) => r.path)).toEqual(["/moved"]);
  });

  it("deleting an endpoint deletes its deliveries", async () => {
    const { endpoint } = await register(["claim.approved"]);
    await approveOne();
    expect(await deliveries()).toHaveLength(1);
    await wh.deleteWebhookEndpoint({ actor: admin, input: { endpointId: endpoint.id } });
    expect(await deliveries()).toHaveLength(0);
    await expectAppError(wh.deleteWebhookEndpoint({ actor: admin, input: { endpointId: endpoint.id } }), "not_found:webhook");
  });
});
