import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createArticle } from "@/db/queries/articles";
import { deleteClaim, getClaim, saveClaim } from "@/db/queries/claims";
import { getClaimHistory } from "@/db/queries/history";
import { adoptVerdict, findCheckedBefore } from "@/db/queries/matching";
import { claims } from "@/db/schema";
import type { ClaimDto } from "@/lib/claims";
import { expectAppError, openTestDesk } from "@/test/support/database";

const desk = await openTestDesk("matching");
afterAll(desk.close);

/** A place no other test names, so each test reads only its own rows. */
const place = () => `Zq${randomUUID().replace(/[-\d]/g, "").slice(0, 8)}`;

async function checked(text: string, fields: { verdict?: string | null; rationale?: string; sources?: unknown[] } = {}) {
  const { id } = await createArticle({ actor: desk.editor, input: { title: `Checked ${randomUUID().slice(0, 8)}`, format: "text", body: text } });
  const claim = await desk.mark(text, { articleId: id });
  const saved = await saveClaim({
    actor: desk.reviewer,
    input: {
      claimId: claim.id,
      baseVersion: claim.version,
      fields: { claimAsChecked: text, claimant: "", verdict: "false", rationale: "", sources: [], ...fields },
    },
  });
  if (saved.status !== "saved") throw new Error("save failed");
  return saved.claim;
}

const matchIds = async (text: string, claimId?: string) => (await findCheckedBefore({ actor: desk.reviewer, input: { text, claimId } })).map((m) => m.claimId);

describe("Checked before", () => {
  it("finds the earlier check of the same assertion in other words, with its verdict, article and link", async () => {
    const town = place();
    const earlier = await checked(`Unemployment in ${town} fell to 4% in 2023.`);
    const [match, ...rest] = await findCheckedBefore({ actor: desk.reviewer, input: { text: `The jobless rate in ${town} dropped to four per cent in 2023` } });
    expect(rest).toEqual([]);
    expect(match).toMatchObject({ claimId: earlier.id, verdict: "false", articleId: earlier.articleId, href: `/articles/${earlier.articleId}?claim=${earlier.id}` });
    expect(match!.articleTitle).toMatch(/^Checked /);
  });

  it("never offers a claim that differs on a figure, a year, a place or a negation", async () => {
    const town = place();
    await checked(`Unemployment in ${town} fell to 4% in 2023.`);
    expect(await matchIds(`Unemployment in ${town} fell to 7% in 2023.`)).toEqual([]);
    expect(await matchIds(`Unemployment in ${town} fell to 4% in 2019.`)).toEqual([]);
    expect(await matchIds(`Unemployment in ${town} did not fall to 4% in 2023.`)).toEqual([]);
    expect(await matchIds(`Unemployment in ${town} rose to 4% in 2023.`)).toEqual([]);
  });

  it("ranks the closer wording first", async () => {
    const town = place();
    const loose = await checked(`${town} jobless figures went down, to 4% in 2023.`);
    const close = await checked(`Unemployment in ${town} fell to 4% in 2023.`);
    expect(await matchIds(`Unemployment in ${town} fell to 4 percent in 2023`)).toEqual([close.id, loose.id]);
  });

  it("leaves out the open claim itself, claims without a verdict and deleted claims", async () => {
    const town = place();
    const self = await checked(`Crime in ${town} doubled since 2010.`);
    await checked(`Crime in ${town} has doubled since 2010.`, { verdict: null });
    const gone = await checked(`Since 2010 crime in ${town} doubled.`);
    await deleteClaim({ actor: desk.editor, input: { claimId: gone.id, version: gone.version, reason: "duplicate" } });
    expect(await matchIds(`Crime in ${town} doubled since 2010.`, self.id)).toEqual([]);
  });

  it("needs a signed-in user and sensible text; query syntax is only words", async () => {
    await expectAppError(findCheckedBefore({ actor: null, input: { text: "unemployment fell" } }), "unauthorized:auth");
    await expectAppError(findCheckedBefore({ actor: desk.reviewer, input: { text: "x" } }), "bad_request:claim");
    await expectAppError(findCheckedBefore({ actor: desk.reviewer, input: { text: "a".repeat(3000) } }), "bad_request:claim");
    await expectAppError(findCheckedBefore({ actor: desk.reviewer, input: { text: "unemployment", extra: 1 } }), "bad_request:claim");
    expect(await matchIds('unemployment" OR NEAR(a b) * ^ {quote}: (')).toBeInstanceOf(Array);
  });
});

describe("Use this verdict", () => {
  async function fresh(): Promise<ClaimDto> {
    const text = `Inflation in ${place()} reached 9 percent.`;
    const { id } = await createArticle({ actor: desk.editor, input: { title: "Open claim", format: "text", body: text } });
    return desk.mark(text, { articleId: id });
  }

  it("copies the verdict, rationale and sources, records what it was based on, and the history says so", async () => {
    const source = { id: randomUUID(), url: "https://example.org/stats", title: "Statistics office", publisher: "ONS", excerpt: "", stance: "refutes", accessedOn: null };
    const earlier = await checked(`Inflation in ${place()} reached 9 percent.`, { verdict: "misleading", rationale: "The index was rebased.", sources: [source] });
    const open = await fresh();
    const result = await adoptVerdict({ actor: desk.reviewer, input: { claimId: open.id, version: open.version, fromClaimId: earlier.id } });
    if (result.status !== "done") throw new Error("conflict");
    expect(result.claim).toMatchObject({ verdict: "misleading", rationale: "The index was rebased.", claimAsChecked: open.claimAsChecked });
    expect(result.claim.sources).toEqual([expect.objectContaining({ url: "https://example.org/stats", title: "Statistics office", stance: "refutes" })]);
    // New rows: the earlier claim keeps its own source.
    expect(result.claim.sources[0]!.id).not.toBe(source.id);
    expect((await getClaim({ claimId: earlier.id })).sources).toHaveLength(1);
    const db = await getDb();
    const [row] = await db.select({ basedOn: claims.basedOnClaimId }).from(claims).where(eq(claims.id, open.id));
    expect(row?.basedOn).toBe(earlier.id);
    const history = await getClaimHistory({ actor: desk.reviewer, input: { articleId: open.articleId, claimId: open.id } });
    const based = history.find((e) => e.type === "based_on");
    expect(based?.summary).toMatch(/^used the verdict of an earlier check in “Checked .+” as a starting point$/);
    expect(based?.quote?.text).toBe(earlier.claimAsChecked);
  });

  it("refuses a stale version without writing anything", async () => {
    const earlier = await checked(`Inflation in ${place()} reached 9 percent.`);
    const open = await fresh();
    const saved = await saveClaim({ actor: desk.editor, input: { claimId: open.id, baseVersion: open.version, fields: { claimAsChecked: open.claimAsChecked, claimant: "Minister", verdict: null, rationale: "", sources: [] } } });
    if (saved.status !== "saved") throw new Error("save failed");
    const result = await adoptVerdict({ actor: desk.reviewer, input: { claimId: open.id, version: open.version, fromClaimId: earlier.id } });
    expect(result.status).toBe("conflict");
    const now = await getClaim({ claimId: open.id });
    expect(now).toMatchObject({ verdict: null, claimant: "Minister", version: saved.claim.version });
  });

  it("refuses a claim without a verdict, the claim itself and unknown ids", async () => {
    const open = await fresh();
    const other = await fresh();
    await expectAppError(adoptVerdict({ actor: desk.reviewer, input: { claimId: open.id, version: open.version, fromClaimId: other.id } }), "bad_request:claim");
    await expectAppError(adoptVerdict({ actor: desk.reviewer, input: { claimId: open.id, version: open.version, fromClaimId: open.id } }), "bad_request:claim");
    await expectAppError(adoptVerdict({ actor: desk.reviewer, input: { claimId: open.id, version: open.version, fromClaimId: randomUUID() } }), "not_found:claim");
  });
});
