/**
 * A claim save is the desk's hottest write (every pause in typing a
 * rationale autosaves it, and the API's PATCH is the same save), so its
 * database work is a budget: the statements and round trips one save costs,
 * counted at the client every query goes through (db/busy-retry.ts). Counts,
 * not timings, so it cannot flake. bench:save measures what they cost.
 *
 * And the claim a save returns is what a fresh read returns: it is built
 * from the UPDATE's RETURNING row, not read again.
 */
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { openTestDesk } from "@/test/support/database";

const desk = await openTestDesk("save-budget");
afterAll(desk.close);

const { BusyRetryClient } = await import("@/db/busy-retry");
const { getClaim, saveClaim } = await import("@/db/queries/claims");
const { approveClaim, submitForApproval } = await import("@/db/queries/workflow");
const { createToken } = await import("@/db/queries/tokens");
const { claimFieldsOf } = await import("@/lib/claims");
const claimRoute = await import("@/app/api/v1/claims/[id]/route");

/** Statements and round trips to the database while `fn` runs. */
async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number; roundTrips: number; sql: string[] }> {
  const sql: string[] = [];
  let roundTrips = 0;
  const text = (s: unknown) => (typeof s === "string" ? s : Array.isArray(s) ? String(s[0]) : String((s as { sql: string }).sql));
  const execute = vi.spyOn(BusyRetryClient.prototype, "execute").mockImplementation(function (this: InstanceType<typeof BusyRetryClient>, ...args) {
    roundTrips++;
    sql.push(text(args[0]));
    return original.execute.apply(this, args as never);
  });
  const batch = vi.spyOn(BusyRetryClient.prototype, "batch").mockImplementation(function (this: InstanceType<typeof BusyRetryClient>, stmts, mode) {
    roundTrips++;
    sql.push(...stmts.map(text));
    return original.batch.call(this, stmts, mode);
  });
  try {
    const result = await fn();
    return { result, statements: sql.length, roundTrips, sql };
  } finally {
    execute.mockRestore();
    batch.mockRestore();
  }
}
const original = { execute: BusyRetryClient.prototype.execute, batch: BusyRetryClient.prototype.batch };

afterEach(() => vi.restoreAllMocks());

const save = (claim: Awaited<ReturnType<typeof getClaim>>, change: Partial<ReturnType<typeof claimFieldsOf>>, actor = desk.reviewer) =>
  saveClaim({ actor, input: { claimId: claim.id, baseVersion: claim.version, fields: { ...claimFieldsOf(claim), ...change } } });

describe("what a save returns", () => {
  it("is the claim as a fresh read shows it: a rationale, sources, a verdict that moves the status, a save that reopens an approved claim", async () => {
    const claim = await desk.mark("militias");
    let r = await save(claim, { rationale: "First pass." });
    expect(r.status).toBe("saved");
    if (r.status !== "saved") return;
    expect(r.claim).toEqual(await getClaim({ claimId: claim.id }));

    r = await save(r.claim, {
      sources: [{ id: crypto.randomUUID(), url: "https://stats.example.org/a", title: "Release", publisher: "Office", excerpt: "", stance: "supports", accessedOn: "2024-11-02" }],
    });
    if (r.status !== "saved") throw new Error("not saved");
    expect(r.claim.sources).toHaveLength(1);
    expect(r.claim).toEqual(await getClaim({ claimId: claim.id }));

    r = await save(r.claim, { verdict: "false", rationale: "The figures say otherwise." });
    if (r.status !== "saved") throw new Error("not saved");
    expect(r.claim).toEqual(await getClaim({ claimId: claim.id }));

    const submitted = await submitForApproval({ actor: desk.reviewer, input: { claimId: claim.id, version: r.claim.version } });
    if (submitted.status !== "done") throw new Error("not submitted");
    const approved = await approveClaim({ actor: desk.editor, input: { claimId: claim.id, version: submitted.claim.version } });
    if (approved.status !== "done") throw new Error("not approved");
    expect(approved.claim.approvedByName).toBe(desk.editor.name);
    // An edit after approval withdraws it (statusAfterEdit): the returned claim says so, as a read does.
    r = await save(approved.claim, { rationale: "Rechecked against the final release." }, desk.editor);
    if (r.status !== "saved") throw new Error("not saved");
    expect(r.claim).toEqual(await getClaim({ claimId: claim.id }));
  });
});

describe("the statements of one save", () => {
  it("a rationale typed in the editor: the claim read once, then one guarded batch of four statements", async () => {
    const claim = await desk.mark("Sunni");
    const { result, statements, roundTrips, sql } = await counted(() => save(claim, { rationale: "Typed." }));
    expect(result.status).toBe("saved");
    // Read: the claim with its names, its sources. Write: guard row, audit row, UPDATE … RETURNING, guard row removed.
    expect({ statements, roundTrips }, sql.join("\n")).toEqual({ statements: 6, roundTrips: 3 });
  });

  it("the API's conditional PATCH: the token and its charge, the claim read once, the same batch", async () => {
    const claim = await desk.mark("clashes");
    const { secret } = await createToken({ actor: desk.reviewer, input: { name: "budget", scope: "write", expiresInDays: 7 } });
    const request = new Request(`http://localhost:3999/api/v1/claims/${claim.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${secret}`, "if-match": `"v${claim.version}"`, "content-type": "application/merge-patch+json" },
      body: JSON.stringify({ rationale: "From the CMS." }),
    });
    const { result, statements, roundTrips, sql } = await counted(() => claimRoute.PATCH(request, { params: Promise.resolve({ id: claim.id }) }));
    expect(result.status).toBe(200);
    expect(result.headers.get("etag")).toBe(`"v${claim.version + 1}"`);
    // Token with its owner (1); rate-limit charge and last use (1 batch of 2); the claim and its sources (2); the save (1 batch of 4).
    expect({ statements, roundTrips }, sql.join("\n")).toEqual({ statements: 9, roundTrips: 5 });
  });
});
