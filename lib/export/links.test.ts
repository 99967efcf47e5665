import { parse } from "csv-parse/sync";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { claimFragment } from "@/lib/claim-fragment";
import type { ExportBundle } from "./bundle";
import { toClaimReviewJsonLd } from "./claimreview";
import { CSV_COLUMNS, renderCsv } from "./csv";
import { renderAnnotatedArticle, renderAnnotatedHtml } from "./html";
import { toClaimdeskJson } from "./json";
import { articleUrl, claimUrl } from "./links";
import { renderMarkdown } from "./markdown";
import { makeBundle } from "./test-fixture";
import { toWebAnnotationCollection } from "./web-annotation";

// Item 9: links in exports point at what exists, and name each claim the same way everywhere.

// Claims 1 and 3 are not approved: the approved scope drops them and renumbers the rest.
const all = makeBundle([
  { quote: "Unemployment fell to 4.2% in October", verdict: "mostly_true", status: "verdict_proposed" },
  { quote: "the lowest since 2008", verdict: "false" },
  { quote: "3 per cent", verdict: "half_true", status: "in_review" },
  { quote: "Imports shrank", verdict: "true" },
]);
const approved: ExportBundle = { ...all, scope: "approved", claims: all.claims.filter((c) => c.status === "approved") };
const ORIGIN = "http://localhost:3000";
const DESK = `${ORIGIN}/articles/${all.article.id}`;
const PUBLISHED = all.publishedUrl;
const published = (b: ExportBundle, scope: "approved" | "all" = "approved"): ExportBundle => ({
  ...b,
  article: { ...b.article, publishedAt: "2026-11-24T09:00:00.000Z", publishedScope: scope },
});
const withoutSource = (b: ExportBundle): ExportBundle => ({ ...b, article: { ...b.article, sourceUrl: null } });

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every place an export names a claim, keyed by claim id: the fragment it uses there. */
function fragmentsOf(bundle: ExportBundle): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const put = (id: string, where: string, value: string) => ((out[id] ??= {})[where] = value);
  const fragment = (url: string) => url.slice(url.indexOf("#") + 1);

  const { document } = parseHTML(renderAnnotatedHtml(bundle));
  for (const li of document.querySelectorAll(".cd-notes li[id]")) {
    const claim = bundle.claims.find((c) => li.textContent!.includes(c.quote.exact))!;
    put(claim.id, "html note id", li.id);
  }
  for (const a of document.querySelectorAll("sup.cd-ref a")) {
    const note = document.getElementById(a.getAttribute("href")!.slice(1))!;
    const claim = bundle.claims.find((c) => note.textContent!.includes(c.quote.exact))!;
    put(claim.id, "html reference", a.getAttribute("href")!.slice(1));
  }
  const reviews = (toClaimReviewJsonLd(bundle) as unknown as { "@graph": Loose[] })["@graph"].filter((n) => n["@type"] === "ClaimReview");
  for (const r of reviews) {
    const claim = bundle.claims.find((c) => c.claimAsChecked === r.claimReviewed)!;
    put(claim.id, "ClaimReview url", fragment(r.url));
    put(claim.id, "ClaimReview @id", fragment(r["@id"]));
  }
  for (const item of toWebAnnotationCollection(bundle).first.items) {
    const claim = bundle.claims.find((c) => c.quote.exact === item.target.selector[0].exact)!;
    put(claim.id, "W3C id", fragment(item.id));
  }
  const rows: string[][] = parse(renderCsv(bundle), { bom: true });
  for (const row of rows.slice(1)) {
    const claim = bundle.claims.find((c) => c.quote.exact === row[CSV_COLUMNS.indexOf("Quote")])!;
    put(claim.id, "CSV claim link", fragment(row[CSV_COLUMNS.indexOf("Claim link")]!));
  }
  const markdown = renderMarkdown(bundle);
  for (const claim of bundle.claims) {
    const link = new RegExp(`Link: <([^>]*#${claimFragment(claim.id)})>`).exec(markdown);
    if (link) put(claim.id, "Markdown link", fragment(link[1]!));
  }
  return out;
}

describe("per-claim fragments", () => {
  it("are the claim's id in every format, and equal across scopes", () => {
    const inAll = fragmentsOf(all);
    const inApproved = fragmentsOf(approved);
    for (const claim of approved.claims) {
      const expected = claimFragment(claim.id);
      const places = ["html note id", "html reference", "ClaimReview url", "ClaimReview @id", "W3C id", "CSV claim link", "Markdown link"];
      expect(Object.keys(inApproved[claim.id]!).sort()).toEqual([...places].sort());
      for (const where of places) {
        expect(inAll[claim.id]![where], `${where}, all claims`).toBe(expected);
        expect(inApproved[claim.id]![where], `${where}, approved only`).toBe(expected);
      }
    }
    // Claim numbers, shown to readers, still follow each file's own order.
    const { document } = parseHTML(renderAnnotatedHtml(approved));
    expect(document.getElementById(claimFragment(approved.claims[0]!.id))!.textContent).toContain("Claim 1");
  });

  it("are the element ids of the published page, where the ClaimReview urls point", () => {
    const page = published(withoutSource(all));
    const { document } = parseHTML(`<!doctype html><html><body>${renderAnnotatedArticle(page, { audience: "public" }).html}</body></html>`);
    const reviews = (toClaimReviewJsonLd(page) as unknown as { "@graph": Loose[] })["@graph"].filter((n) => n["@type"] === "ClaimReview");
    expect(reviews.length).toBe(2);
    for (const r of reviews) {
      expect(r.url.startsWith(`${PUBLISHED}#`)).toBe(true);
      expect(document.getElementById(r.url.split("#")[1]), r.url).not.toBeNull();
    }
  });
});

describe("where links point", () => {
  const claim = all.claims.find((c) => c.status === "approved")!;
  const pending = all.claims.find((c) => c.status !== "approved")!;

  it("the article: its source URL when it has one", () => {
    for (const b of [all, published(all)]) {
      expect(articleUrl(b)).toBe(all.article.sourceUrl);
      expect(toWebAnnotationCollection(b).first.items[0]!.target.source).toBe("https://news.example.com/economy?id=7&x=%3Cy%3E");
    }
  });

  it("the article without a source URL: the published page when published", () => {
    const b = published(withoutSource(all));
    expect(articleUrl(b)).toBe(PUBLISHED);
    expect(toWebAnnotationCollection(b).first.items[0]!.target.source).toBe(PUBLISHED);
    const review = (toClaimReviewJsonLd(b) as unknown as { "@graph": Loose[] })["@graph"][1]!;
    expect(review.itemReviewed.appearance.url).toBe(PUBLISHED);
    const rows: string[][] = parse(renderCsv(b), { bom: true });
    expect(rows[1]![CSV_COLUMNS.indexOf("Article URL")]).toBe(PUBLISHED);
    expect(toClaimdeskJson(b).article.publishedUrl).toBe(PUBLISHED);
  });

  it("the article without a source URL, never published: its page in the desk, never /published/", () => {
    const b = withoutSource(all);
    expect(articleUrl(b)).toBe(DESK);
    const files = [renderCsv(b), renderMarkdown(b), renderAnnotatedHtml(b), JSON.stringify(toClaimReviewJsonLd(b)), JSON.stringify(toWebAnnotationCollection(b)), JSON.stringify(toClaimdeskJson(b))];
    for (const file of files) expect(file).not.toContain("/published/");
    expect(toWebAnnotationCollection(b).first.items[0]!.target.source).toBe(DESK);
    expect(toClaimdeskJson(b).article.publishedUrl).toBeNull();
  });

  it("a claim: its note on the published page when the page shows it, else in the desk", () => {
    expect(claimUrl(all, claim)).toBe(`${DESK}#${claimFragment(claim.id)}`);
    expect(claimUrl(published(all), claim)).toBe(`${PUBLISHED}#${claimFragment(claim.id)}`);
    // Published with approved claims only: an unapproved claim is not on the page.
    expect(claimUrl(published(all), pending)).toBe(`${DESK}#${claimFragment(pending.id)}`);
    expect(claimUrl(published(all, "all"), pending)).toBe(`${PUBLISHED}#${claimFragment(pending.id)}`);
    // Without the workflow ClaimReview lists unapproved claims too: they link to where they can be read.
    const open = (toClaimReviewJsonLd({ ...published(all), workflow: false }) as unknown as { "@graph": Loose[] })["@graph"];
    const review = open.find((n) => n.claimReviewed === pending.claimAsChecked)!;
    expect(review.url).toBe(`${DESK}#${claimFragment(pending.id)}`);
  });
});
