/**
 * The benchmark data set: generated article and claims (bench/lib/generate.ts)
 * turned into what Claimdesk stores, and written into its database.
 */
import { createHash, randomUUID } from "node:crypto";
import { createClient, type InStatement } from "@libsql/client";
import { createTextModel, describe } from "@/lib/anchoring";
import { buildArticleText } from "@/lib/article-text";
import { toArticleDocument } from "@/lib/import";
import { CLAIM_STATUS_KEYS, DEFAULT_VERDICT_SCALE, getVerdict } from "@/lib/verdicts";

const VERDICT_KEYS = DEFAULT_VERDICT_SCALE.map((v) => v.key);
import { CLAIMANTS, createRng, generateArticleMarkdown, pickClaimRanges, rationaleFor } from "./generate";

const NO_VERDICT_COLOR = "#f59e0b"; // as the article workspace
const sleep = (msec: number) => new Promise((resolve) => setTimeout(resolve, msec));

type ClaimRow = {
  id: string;
  start16: number;
  end16: number;
  selectors: ReturnType<typeof describe>;
  verdict: string | null;
  status: string;
  claimant: string;
  rationale: string;
  sources: { url: string; title: string; publisher: string; stance: string }[];
};

/**
 * A `words`-word article imported with the app's own Markdown importer, and
 * `claims` claims over its plain text (`overlapping` of them overlapping
 * another), with selectors computed by lib/anchoring exactly as the app does,
 * and each claim's highlight in ProseMirror positions (lib/article-text).
 */
export function generateData(words: number, claimCount: number, overlapping: number) {
  const t0 = performance.now();
  const article = generateArticleMarkdown(20241101, words);
  const { doc, plainText } = toArticleDocument({ format: "markdown", body: article.markdown });
  const blocks = doc.content ?? [];
  const picked = pickClaimRanges(7, plainText, claimCount, overlapping, (b) => blocks[b]?.type === "heading");
  const model = createTextModel(plainText);
  const r = createRng(99);
  const claims: ClaimRow[] = picked.ranges.map((range) => ({
    id: randomUUID(),
    start16: range.start,
    end16: range.end,
    selectors: describe(model, range),
    verdict: r.chance(0.35) ? null : r.pick(VERDICT_KEYS),
    status: r.pick(CLAIM_STATUS_KEYS),
    claimant: r.pick(CLAIMANTS),
    rationale: rationaleFor(r),
    sources: r.chance(0.25)
      ? Array.from({ length: r.int(1, 2) }, (_, i) => ({
          url: `https://stats.example.org/releases/${r.int(1000, 9999)}`,
          title: `Statistical release ${i + 1}`,
          publisher: "National statistics office",
          stance: r.pick(["supports", "refutes", "context"] as const),
        }))
      : [],
  }));
  const text = buildArticleText(doc);
  if (text.text !== plainText) throw new Error("article-text and the importer disagree on the plain text");
  const highlights = claims.map((c) => ({
    id: c.id,
    from: text.textToPos(c.start16, "start"),
    to: text.textToPos(c.end16, "end"),
    verdict: c.verdict,
    color: getVerdict(DEFAULT_VERDICT_SCALE, c.verdict)?.color ?? NO_VERDICT_COLOR,
  }));
  const wordCount = plainText.split(/\s+/).filter(Boolean).length;
  return {
    markdownBytes: Buffer.byteLength(article.markdown),
    paragraphs: article.paragraphs,
    headings: article.headings,
    words: wordCount,
    doc,
    plainText,
    claims,
    nested: picked.nested,
    partial: picked.partial,
    highlights,
    generateMs: performance.now() - t0,
  };
}
export type Data = ReturnType<typeof generateData>;

/**
 * Inserts the article and its claims (and some sources) into the app's SQLite
 * file; returns the article id. `withClaims: false` inserts the article alone.
 */
export async function insertData(dbFile: string, data: Data, reviewerEmail: string, { withClaims = true } = {}): Promise<string> {
  const client = createClient({ url: `file:${dbFile}` });
  try {
    await client.execute("PRAGMA busy_timeout = 10000");
    let reviewerId: string | undefined;
    for (let i = 0; i < 120 && !reviewerId; i++) {
      const rs = await client.execute({ sql: "SELECT id FROM users WHERE email = ?", args: [reviewerEmail] });
      reviewerId = rs.rows[0]?.id as string | undefined;
      if (!reviewerId) await sleep(500);
    }
    if (!reviewerId) throw new Error("The demo reviewer was not seeded (is ADMIN_EMAIL set?)");
    const articleId = randomUUID();
    const statements: InStatement[] = [
      {
        sql: "INSERT INTO articles (id, title, source_url, publisher, author, published_on, content, plain_text, text_hash, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        args: [
          articleId,
          "Benchmark: a 100,000-word investigation with 2,000 claims",
          "https://news.example.org/long-read",
          "Example News",
          "Bench Writer",
          "2024-11-01",
          JSON.stringify(data.doc),
          data.plainText,
          createHash("sha256").update(data.plainText, "utf8").digest("hex"),
          reviewerId,
        ],
      },
    ];
    for (const c of withClaims ? data.claims : []) {
      const q = c.selectors.quote;
      const p = c.selectors.position;
      statements.push({
        sql: "INSERT INTO claims (id, article_id, quote_exact, quote_prefix, quote_suffix, position_start, position_end, claim_as_checked, claimant, verdict, rationale, status, version, created_by, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
        args: [c.id, articleId, q.exact, q.prefix, q.suffix, p.start, p.end, q.exact, c.claimant, c.verdict, c.rationale, c.status, reviewerId, reviewerId],
      });
      c.sources.forEach((s, i) => {
        statements.push({
          sql: "INSERT INTO sources (id, claim_id, position, url, title, publisher, excerpt, stance, accessed_on) VALUES (?, ?, ?, ?, ?, ?, '', ?, '2024-11-02')",
          args: [randomUUID(), c.id, i, s.url, s.title, s.publisher, s.stance],
        });
      });
    }
    await client.batch(statements, "write");
    return articleId;
  } finally {
    client.close();
  }
}
