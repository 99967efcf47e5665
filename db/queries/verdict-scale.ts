import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "@/lib/zod";
import { getDb } from "@/db";
import { auditEvents, claims, verdictScale } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { keyFromLabel, MAX_VERDICTS, normalizeLabel, verdictFieldsSchema, verdictKeySchema } from "@/lib/verdict-scale-rules";
import type { VerdictScale, VerdictScaleEntry } from "@/lib/verdicts";
import { guardedWrite, insertWhen } from "./guarded-write";

/** The desk's verdict scale in display order. */
export async function getVerdictScale(): Promise<VerdictScale> {
  const db = await getDb();
  return db.select().from(verdictScale).orderBy(asc(verdictScale.position), asc(verdictScale.key));
}

/** Throws a readable error unless `key` is null or a verdict of the desk's scale. */
export async function assertVerdictInScale(key: string | null): Promise<void> {
  if (key === null) return;
  const scale = await getVerdictScale();
  if (!scale.some((v) => v.key === key)) {
    throw new AppError("bad_request:claim", "Choose a verdict from the desk's scale.", { verdict: "Choose a verdict from the desk's scale." });
  }
}

// ---------------------------------------------------------------- administration

export type VerdictUsage = VerdictScaleEntry & { claimCount: number };

const updateInput = z.object({ key: verdictKeySchema, fields: verdictFieldsSchema });
const moveInput = z.object({ key: verdictKeySchema, direction: z.enum(["up", "down"], { message: "Move up or down." }) });
const deleteInput = z.object({
  key: verdictKeySchema,
  replacement: z.preprocess((v) => (v === "" ? null : v), verdictKeySchema.nullable().optional()),
});

function assertAdmin(actor: SessionUser): void {
  if (actor.role !== "admin") throw new AppError("forbidden:verdict");
}

const duplicateLabel = () =>
  new AppError("conflict:verdict", "Another verdict already has this label.", { label: "Another verdict already has this label." });

/** The scale with the number of claims (deleted ones included) that carry each verdict. */
export async function listVerdictScaleWithUsage({ actor }: { actor: SessionUser }): Promise<VerdictUsage[]> {
  assertAdmin(actor);
  const db = await getDb();
  const scale = await getVerdictScale();
  const counts = await db
    .select({ key: claims.verdict, n: sql<number>`count(*)` })
    .from(claims)
    .where(sql`${claims.verdict} IS NOT NULL`)
    .groupBy(claims.verdict);
  const byKey = new Map(counts.map((c) => [c.key, Number(c.n)]));
  return scale.map((v) => ({ ...v, claimCount: byKey.get(v.key) ?? 0 }));
}

/**
 * SQL guard: no other verdict has this label. `lower()` in SQLite folds ASCII
 * only, so labels are also compared fully normalised in JS before writing.
 */
function labelFree(label: string, exceptKey: string | null) {
  return sql`NOT EXISTS (SELECT 1 FROM verdict_scale WHERE lower(trim(label)) = lower(${label.trim()}) AND key IS NOT ${exceptKey})`;
}

function assertLabelFree(scale: VerdictScale, label: string, exceptKey: string | null): void {
  const wanted = normalizeLabel(label);
  if (scale.some((v) => v.key !== exceptKey && normalizeLabel(v.label) === wanted)) throw duplicateLabel();
}

export async function createVerdict({ actor, input }: { actor: SessionUser; input: unknown }): Promise<VerdictScaleEntry> {
  assertAdmin(actor);
  const fields = parseInput(verdictFieldsSchema, input, "verdict");
  const scale = await getVerdictScale();
  if (scale.length >= MAX_VERDICTS) throw new AppError("bad_request:verdict", `A scale can have at most ${MAX_VERDICTS} verdicts.`);
  assertLabelFree(scale, fields.label, null);
  const key = keyFromLabel(fields.label, scale.map((v) => v.key));
  const db = await getDb();
  const entry = { key, ...fields };
  const { applied } = await guardedWrite(db, [
    {
      key,
      guard: sql`${labelFree(fields.label, null)} AND NOT EXISTS (SELECT 1 FROM verdict_scale WHERE key = ${key})`,
      statements: (ok) => [
        insertWhen(db, verdictScale, { key, ...fields, position: sql`(SELECT coalesce(max(position), -1) + 1 FROM verdict_scale)` }, ok),
        insertWhen(db, auditEvents, { entityType: "verdict_scale", entityId: key, actorId: actor.id, type: "created", data: entry }, ok),
      ],
    },
  ]);
  if (!applied.has(key)) throw duplicateLabel();
  return (await getVerdictScale()).find((v) => v.key === key)!;
}

export async function updateVerdict({ actor, input }: { actor: SessionUser; input: unknown }): Promise<VerdictScaleEntry> {
  assertAdmin(actor);
  const { key, fields } = parseInput(updateInput, input, "verdict");
  const scale = await getVerdictScale();
  const before = scale.find((v) => v.key === key);
  if (!before) throw new AppError("not_found:verdict");
  assertLabelFree(scale, fields.label, key);
  const diff: Record<string, { before: unknown; after: unknown }> = {};
  for (const name of ["label", "description", "color", "value", "icon"] as const) {
    if (before[name] !== fields[name]) diff[name] = { before: before[name], after: fields[name] };
  }
  if (Object.keys(diff).length === 0) return before;
  const db = await getDb();
  const { applied } = await guardedWrite(db, [
    {
      key,
      guard: sql`EXISTS (SELECT 1 FROM verdict_scale WHERE key = ${key}) AND ${labelFree(fields.label, key)}`,
      statements: (ok) => [
        db.update(verdictScale).set(fields).where(and(eq(verdictScale.key, key), ok)),
        insertWhen(db, auditEvents, { entityType: "verdict_scale", entityId: key, actorId: actor.id, type: "updated", data: diff }, ok),
      ],
    },
  ]);
  if (!applied.has(key)) {
    if (!(await getVerdictScale()).some((v) => v.key === key)) throw new AppError("not_found:verdict");
    throw duplicateLabel();
  }
  return (await getVerdictScale()).find((v) => v.key === key)!;
}

/** Swaps a verdict with its neighbour; positions are rewritten 0..n-1 so gaps and ties disappear. */
export async function moveVerdict({ actor, input }: { actor: SessionUser; input: unknown }): Promise<VerdictScale> {
  assertAdmin(actor);
  const { key, direction } = parseInput(moveInput, input, "verdict");
  const db = await getDb();
  // "One place up/down" means from where the verdict is now, so the server
  // decides the new order from its own read. The write is guarded by that
  // order (two admins moving at once must not interleave into an order
  // neither chose); when another change slipped in between the read and the
  // write, the move is decided again on the newer order.
  for (let attempt = 0; attempt < MOVE_ATTEMPTS; attempt++) {
    const scale = [...(await getVerdictScale())];
    const from = scale.findIndex((v) => v.key === key);
    if (from < 0) throw new AppError("not_found:verdict");
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= scale.length) return scale;
    const beforeOrder = scale.map((v) => v.key);
    [scale[from], scale[to]] = [scale[to]!, scale[from]!];
    const order = scale.map((v) => v.key);
    const { applied } = await guardedWrite(db, [
      {
        key,
        guard: sql`(SELECT json_group_array(key) FROM (SELECT key FROM verdict_scale ORDER BY position, key)) = ${JSON.stringify(beforeOrder)}`,
        statements: (ok) => [
          insertWhen(db, auditEvents, { entityType: "verdict_scale", entityId: key, actorId: actor.id, type: "reordered", data: { order: { before: beforeOrder, after: order } } }, ok),
          ...order.map((k, position) => db.update(verdictScale).set({ position }).where(and(eq(verdictScale.key, k), ok))),
        ],
      },
    ]);
    if (applied.has(key)) return getVerdictScale();
  }
  throw new AppError("conflict:verdict", "Others are changing the scale right now. Reload the page and try again.");
}

/** How often a move is decided again when the scale changed under it. */
const MOVE_ATTEMPTS = 3;

/**
 * Deletes a verdict. Claims that carry it (deleted claims included, so none is
 * left pointing at nothing) must be mapped to a replacement: in the same batch
 * each gets the new verdict, a new version and an `updated` claim event with
 * the verdict diff, then the scale entry goes, with an audit_events row.
 */
export async function deleteVerdict({ actor, input }: { actor: SessionUser; input: unknown }): Promise<{ remapped: number }> {
  assertAdmin(actor);
  const { key, replacement } = parseInput(deleteInput, input, "verdict");
  const scale = await getVerdictScale();
  const entry = scale.find((v) => v.key === key);
  if (!entry) throw new AppError("not_found:verdict");
  if (scale.length <= 1) throw new AppError("bad_request:verdict", "The scale needs at least one verdict.");
  const db = await getDb();
  const [usage] = await db.select({ n: sql<number>`count(*)` }).from(claims).where(eq(claims.verdict, key));
  const inUse = Number(usage?.n ?? 0);
  if (inUse > 0 && !replacement) {
    const message = `${inUse === 1 ? "1 claim uses" : `${inUse} claims use`} this verdict. Choose the verdict to give ${inUse === 1 ? "it" : "them"} instead.`;
    throw new AppError("bad_request:verdict", message, { replacement: message });
  }
  if (replacement === key) {
    throw new AppError("bad_request:verdict", "Choose a different verdict to map the claims to.", { replacement: "Choose a different verdict." });
  }
  if (replacement && !scale.some((v) => v.key === replacement)) {
    throw new AppError("bad_request:verdict", "Choose a replacement from the desk's scale.", { replacement: "Choose a replacement from the desk's scale." });
  }
  // What must still hold: the verdict and its replacement exist, another
  // verdict remains, and without a replacement no claim carries the key (one
  // saved with it since the count above would be left pointing at nothing).
  const guard = sql`(EXISTS (SELECT 1 FROM verdict_scale WHERE key = ${key})
    AND (SELECT count(*) FROM verdict_scale) > 1
    AND (${replacement ?? null} IS NULL OR EXISTS (SELECT 1 FROM verdict_scale WHERE key = ${replacement ?? null} AND key <> ${key}))
    AND (${replacement ?? null} IS NOT NULL OR NOT EXISTS (SELECT 1 FROM claims WHERE verdict = ${key})))`;
  const diff = JSON.stringify({ verdict: { before: key, after: replacement ?? null } });
  const { applied, results } = await guardedWrite(db, [
    {
      key,
      guard,
      statements: (ok) => [
        insertWhen(
          db,
          auditEvents,
          {
            entityType: "verdict_scale",
            entityId: key,
            actorId: actor.id,
            type: "deleted",
            data: sql`json_object('entry', json(${JSON.stringify(entry)}), 'replacement', ${replacement ?? null}, 'claims', (SELECT count(*) FROM claims WHERE verdict = ${key}))`,
          },
          ok,
        ),
        ...(replacement
          ? [
              // The events first: until the UPDATE runs, these are the claims that carry the verdict.
              db.run(sql`INSERT INTO claim_events (claim_id, article_id, actor_id, type, version, data)
                SELECT id, article_id, ${actor.id}, 'updated', version + 1, ${diff}
                FROM claims WHERE verdict = ${key} AND ${ok}`),
              db.run(sql`UPDATE claims SET verdict = ${replacement}, version = version + 1, updated_by = ${actor.id},
                  updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                WHERE verdict = ${key} AND ${ok}`),
            ]
          : []),
        db.delete(verdictScale).where(and(eq(verdictScale.key, key), ok)),
      ],
    },
  ]);
  if (!applied.has(key)) {
    throw new AppError("conflict:verdict", "The scale or the claims changed while you were deleting. Reload the page and try again.");
  }
  const remapped = replacement ? (results.get(key)![2] as { rowsAffected: number }).rowsAffected : 0;
  return { remapped };
}
