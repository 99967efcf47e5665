import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { getClaim, saveClaim } from "@/db/queries/claims";
import { claimAt, guardedWrite, insertWhen } from "@/db/queries/guarded-write";
import * as scale from "@/db/queries/verdict-scale";
import { auditEvents, claimEvents, claims, writeGuards } from "@/db/schema";
import { claimFieldsOf } from "@/lib/claims";
import { expectAppError, openTestDesk } from "@/test/support/database";

const desk = await openTestDesk("guarded-write");
afterAll(desk.close);
const { admin, reviewer } = desk;

const QUOTES = [
  "The vast majority of Iraq’s provinces are controlled by Iran-supported militias",
  "Iran-supported militias",
  "The vast majority",
];

async function eventsOf(claimId: string) {
  const db = await getDb();
  return db.select().from(claimEvents).where(eq(claimEvents.claimId, claimId));
}

async function auditOf(entityId: string) {
  const db = await getDb();
  return db.select().from(auditEvents).where(eq(auditEvents.entityId, entityId));
}

/** A claim move as the domain layer writes one: an audit row, then the version bump. */
async function bump(claimId: string, version: number, note: string) {
  const db = await getDb();
  const row = (await db.select().from(claims).where(eq(claims.id, claimId)))[0]!;
  return guardedWrite(db, [
    {
      key: claimId,
      guard: claimAt({ id: claimId, version }),
      statements: (ok) => [
        insertWhen(db, claimEvents, { claimId, articleId: row.articleId, actorId: reviewer.id, type: "updated", version: version + 1, data: { note } }, ok),
        db.update(claims).set({ version: version + 1, rationale: note }).where(sql`${claims.id} = ${claimId} AND ${ok}`),
      ],
    },
  ]);
}

afterEach(() => vi.restoreAllMocks());

describe("guardedWrite", () => {
  it("applies every statement of a target whose guard holds, and says so", async () => {
    const claim = await desk.mark(QUOTES[0]!);
    const { applied, results } = await bump(claim.id, claim.version, "first");
    expect([...applied]).toEqual([claim.id]);
    expect(results.get(claim.id)).toHaveLength(2);
    expect((await getClaim({ claimId: claim.id })).rationale).toBe("first");
    expect((await eventsOf(claim.id)).map((e) => e.type)).toEqual(["created", "updated"]);
  });

  it("writes nothing for a stale target, not even its audit row", async () => {
    const claim = await desk.mark(QUOTES[0]!);
    await bump(claim.id, claim.version, "theirs");
    const stale = await bump(claim.id, claim.version, "mine");
    expect(stale.applied.size).toBe(0);
    expect(stale.results.get(claim.id)).toEqual([]);
    expect((await getClaim({ claimId: claim.id })).rationale).toBe("theirs");
    expect((await eventsOf(claim.id)).map((e) => (e.data as { note?: string }).note ?? e.type)).toEqual(["created", "theirs"]);
  });

  it("decides each target on its own within one transaction (bulk moves)", async () => {
    const fresh = await desk.mark(QUOTES[1]!);
    const moved = await desk.mark(QUOTES[2]!);
    await bump(moved.id, moved.version, "meanwhile");
    const db = await getDb();
    const { applied } = await guardedWrite(
      db,
      [fresh, moved].map((c) => ({
        key: c.id,
        guard: claimAt({ id: c.id, version: c.version }),
        statements: (ok) => [db.update(claims).set({ version: c.version + 1, claimant: "bulk" }).where(sql`${claims.id} = ${c.id} AND ${ok}`)],
      })),
    );
    expect([...applied]).toEqual([fresh.id]);
    expect((await getClaim({ claimId: fresh.id })).claimant).toBe("bulk");
    expect((await getClaim({ claimId: moved.id })).claimant).toBe("");
  });

  it("evaluates the guard once: the version bump first does not switch off the audit row after it", async () => {
    const claim = await desk.mark(QUOTES[0]!);
    const db = await getDb();
    const { applied } = await guardedWrite(db, [
      {
        key: claim.id,
        guard: claimAt({ id: claim.id, version: claim.version }),
        statements: (ok) => [
          db.update(claims).set({ version: claim.version + 1 }).where(sql`${claims.id} = ${claim.id} AND ${ok}`),
          insertWhen(db, claimEvents, { claimId: claim.id, articleId: claim.articleId, actorId: reviewer.id, type: "updated", version: claim.version + 1, data: {} }, ok),
        ],
      },
    ]);
    expect(applied.has(claim.id)).toBe(true);
    expect((await eventsOf(claim.id)).map((e) => e.type)).toEqual(["created", "updated"]);
  });

  it("checks status too when the guard names one", async () => {
    const claim = await desk.mark(QUOTES[0]!);
    const db = await getDb();
    const { applied } = await guardedWrite(db, [
      {
        key: claim.id,
        guard: claimAt({ id: claim.id, version: claim.version, status: "approved" }),
        statements: (ok) => [db.update(claims).set({ claimant: "x" }).where(sql`${claims.id} = ${claim.id} AND ${ok}`)],
      },
    ]);
    expect(applied.size).toBe(0);
    expect((await getClaim({ claimId: claim.id })).claimant).toBe("");
  });

  it("refuses, before anything runs, a statement that ignores its guard", async () => {
    const claim = await desk.mark(QUOTES[0]!);
    const db = await getDb();
    const batch = vi.spyOn(db, "batch");
    await expect(
      guardedWrite(db, [
        {
          key: claim.id,
          guard: claimAt({ id: claim.id, version: claim.version }),
          statements: (ok) => [
            insertWhen(db, claimEvents, { claimId: claim.id, articleId: claim.articleId, actorId: reviewer.id, type: "updated", version: 2, data: {} }, ok),
            db.update(claims).set({ claimant: "unguarded" }).where(eq(claims.id, claim.id)),
          ],
        },
      ]),
    ).rejects.toThrow(/not conditioned on its guard/);
    expect(batch).not.toHaveBeenCalled();
    expect((await getClaim({ claimId: claim.id })).claimant).toBe("");
    expect(await eventsOf(claim.id)).toHaveLength(1);
  });

  it("rolls back whole when a statement fails, and leaves no guard rows behind", async () => {
    const claim = await desk.mark(QUOTES[0]!);
    const db = await getDb();
    const [row] = await db.select().from(claims).where(eq(claims.id, claim.id));
    await expect(
      guardedWrite(db, [
        {
          key: claim.id,
          guard: claimAt({ id: claim.id, version: claim.version }),
          statements: (ok) => [
            db.update(claims).set({ claimant: "half" }).where(sql`${claims.id} = ${claim.id} AND ${ok}`),
            // The same claim id again: a primary-key violation.
            insertWhen(db, claims, { ...row! }, ok),
          ],
        },
      ]),
    ).rejects.toThrow();
    expect((await getClaim({ claimId: claim.id })).claimant).toBe("");
    expect(await db.select().from(writeGuards)).toEqual([]);
  });
});

describe("versioned writes through the helper", () => {
  it("deleteVerdict: a claim saved with the verdict after the usage count makes the delete write nothing, not even its audit row", async () => {
    const v = await scale.createVerdict({ actor: admin, input: { label: "Cherry-picked", description: "", color: "#334155", value: null, icon: "circle" } });
    const claim = await desk.mark(QUOTES[0]!);
    const db = await getDb();
    const batch = db.batch.bind(db);
    // Between deleteVerdict's usage count (none) and its write, a reviewer saves a claim with this verdict.
    vi.spyOn(db, "batch").mockImplementationOnce(async (statements) => {
      vi.mocked(db.batch).mockRestore();
      const saved = await saveClaim({ actor: reviewer, input: { claimId: claim.id, baseVersion: claim.version, fields: { ...claimFieldsOf(claim), verdict: v.key } } });
      expect(saved.status).toBe("saved");
      return batch(statements);
    });
    await expectAppError(scale.deleteVerdict({ actor: admin, input: { key: v.key } }), "conflict:verdict");
    expect((await scale.getVerdictScale()).some((x) => x.key === v.key)).toBe(true);
    expect((await getClaim({ claimId: claim.id })).verdict).toBe(v.key);
    expect((await auditOf(v.key)).map((a) => a.type)).toEqual(["created"]);
  });

  it("moveVerdict: a move decided on an order that changed meanwhile writes nothing, and is decided again on the new order", async () => {
    const before = await scale.getVerdictScale();
    const db = await getDb();
    const batch = db.batch.bind(db);
    vi.spyOn(db, "batch").mockImplementationOnce(async (statements) => {
      vi.mocked(db.batch).mockRestore();
      await scale.moveVerdict({ actor: admin, input: { key: before.at(-1)!.key, direction: "up" } });
      return batch(statements);
    });
    const moved = (await scale.moveVerdict({ actor: admin, input: { key: before[0]!.key, direction: "down" } })).map((v) => v.key);
    // Both moves, each from where its verdict was when it was written.
    const expected = before.map((v) => v.key);
    [expected[expected.length - 2], expected[expected.length - 1]] = [expected.at(-1)!, expected.at(-2)!];
    [expected[0], expected[1]] = [expected[1]!, expected[0]!];
    expect(moved).toEqual(expected);
    // One audit row for the move, recording the order it was really made on: the stale attempt wrote nothing.
    const reordered = (await auditOf(before[0]!.key)).filter((a) => a.type === "reordered");
    expect(reordered).toHaveLength(1);
    expect((reordered[0]!.data as { order: { before: string[] } }).order.before).toEqual([...expected.slice(0, 2).reverse(), ...expected.slice(2)]);
  });
});
