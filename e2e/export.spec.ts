import { parse as parseCsv } from "csv-parse/sync";
import { micromark } from "micromark";
import { gfmFootnote, gfmFootnoteHtml } from "micromark-extension-gfm-footnote";
import { encode } from "next-auth/jwt";
import { storageStateFor } from "./support/accounts";
import { downloadExport, exportButton, exportMenu, FORMAT_LABELS, openExportMenu } from "./support/export-menu";
import { expect, screenshotForReview, test } from "./support/fixtures";
import { ImportPage } from "./support/import-page";
import { TEXT } from "./support/sample-text";

// Exporting a checked article from the Export menu, in every format, and
// bringing the JSON export back in through the import page.

const CLAIM = {
  claimant: "Regional analyst",
  verdict: "Mostly false",
  rationale: "Provincial council records show Iran-aligned groups dominate 6 of 18 provinces, not the “vast majority”. <b>not bold</b>",
  source: { url: "https://example.org/iraq-provinces?year=2024&view=map", title: "Who runs Iraq’s provinces", publisher: "Example Institute" },
};

/** Every object in a parsed JSON(-LD) document, depth first. */
function objectsIn(value: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      found.push(v as Record<string, unknown>);
      Object.values(v).forEach(walk);
    }
  };
  walk(value);
  return found;
}

const typeOf = (o: Record<string, unknown>) => [o.type, o["@type"]].flat().filter(Boolean) as string[];

test("a reviewer exports a checked article in every format, and the JSON export imports back with its claims", async ({ articlePage, importSampleCopy, browser }, testInfo) => {
  test.slow(); // six downloads and an import
  const page = articlePage.page;
  const articlePath = await importSampleCopy("Export");
  await articlePage.open(articlePath);
  const title = (await articlePage.heading().textContent())!;

  // A claim checked through the claim panel.
  await articlePage.markText(TEXT.majority);
  await articlePage.fillClaimant(CLAIM.claimant);
  await articlePage.setVerdict(CLAIM.verdict);
  await articlePage.fillRationale(CLAIM.rationale);
  await articlePage.addSource({ ...CLAIM.source, stance: "Refutes the claim" });
  await articlePage.expectSaved();

  // The menu: the scope first, then the formats, named as a person reads them.
  await openExportMenu(page);
  const menu = exportMenu(page);
  await expect(menu.getByRole("menuitemradio", { name: "All claims", exact: true })).toHaveAttribute("aria-checked", "true");
  await expect(menu.getByRole("menuitemradio", { name: "Approved only", exact: true })).toHaveAttribute("aria-checked", "false");
  await expect(menu.getByRole("menuitem")).toHaveText(FORMAT_LABELS.map((l) => new RegExp(`^${l}`)));
  await screenshotForReview(page, "export-menu", testInfo);
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(exportButton(page)).toBeFocused();

  // HTML: the claim highlighted with a footnote holding verdict, rationale and source; no script at all.
  const html = await downloadExport(page, "HTML");
  expect(html.filename).toMatch(/\.html$/);
  expect(html.text).not.toMatch(/<script/i);
  expect(html.text).not.toContain("<b>not bold</b>");
  const viewerContext = await browser.newContext({ javaScriptEnabled: false });
  const viewer = await viewerContext.newPage();
  await viewer.setContent(html.text);
  await expect(viewer.locator("mark").filter({ hasText: TEXT.majority })).toHaveCount(1);
  const footnoteLink = viewer.locator("mark").filter({ hasText: TEXT.majority }).locator("xpath=following::a[starts-with(@href, '#')][1]");
  const footnoteId = (await footnoteLink.getAttribute("href"))!.slice(1);
  const footnote = viewer.locator(`[id="${footnoteId}"]`);
  await expect(footnote).toContainText(CLAIM.rationale);
  await expect(footnote).toContainText(CLAIM.verdict);
  await expect(footnote.getByRole("link", { name: CLAIM.source.title })).toHaveAttribute("href", CLAIM.source.url);
  await viewerContext.close();

  // Markdown: a footnote reference after the quote, its definition with the rationale.
  const markdown = await downloadExport(page, "Markdown");
  expect(markdown.filename).toMatch(/\.md$/);
  const rendered = micromark(markdown.text, { extensions: [gfmFootnote()], htmlExtensions: [gfmFootnoteHtml()] });
  expect(rendered).toMatch(/<section data-footnotes/);
  const notes = rendered.slice(rendered.indexOf("<section data-footnotes"));
  expect(notes).toContain("Provincial council records show Iran-aligned groups");
  expect(notes).toContain(CLAIM.source.url.replace(/&/g, "&amp;"));
  expect(rendered.slice(0, rendered.indexOf("<section data-footnotes"))).toMatch(/<sup><a href="#user-content-fn-[^"]+" id="user-content-fnref-/);

  // JSON: the Claimdesk format, with the claim as saved and the scope chosen.
  const json = await downloadExport(page, "JSON");
  expect(json.filename).toMatch(/\.claimdesk\.json$/);
  const data = JSON.parse(json.text);
  expect(data).toMatchObject({ format: "claimdesk-article", version: 1, scope: "all", article: { title } });
  expect(data.claims).toHaveLength(1);
  expect(data.claims[0]).toMatchObject({
    quote: { exact: TEXT.majority },
    claimant: CLAIM.claimant,
    verdictLabel: CLAIM.verdict,
    rationale: CLAIM.rationale,
    sources: [{ url: CLAIM.source.url, title: CLAIM.source.title, publisher: CLAIM.source.publisher, stance: "refutes" }],
  });

  // W3C Web Annotation: JSON-LD whose annotation targets the quote with a TextQuoteSelector.
  const w3c = await downloadExport(page, "W3C Web Annotation");
  expect(w3c.filename).toMatch(/\.jsonld$/);
  const annotations = JSON.parse(w3c.text);
  expect(JSON.stringify(annotations["@context"])).toContain("http://www.w3.org/ns/anno.jsonld");
  const annotation = objectsIn(annotations).find((o) => typeOf(o).includes("Annotation"));
  expect(annotation).toBeTruthy();
  const quoteSelector = objectsIn(annotation).find((o) => typeOf(o).includes("TextQuoteSelector"));
  expect(quoteSelector?.exact).toBe(TEXT.majority);
  expect(JSON.stringify(annotation)).toContain(JSON.stringify(CLAIM.rationale));

  // ClaimReview: parses, and holds no review of a claim no editor approved (the publish spec covers an approved one).
  const claimReview = await downloadExport(page, "ClaimReview");
  expect(claimReview.filename).toMatch(/\.jsonld$/);
  const reviewDoc = JSON.parse(claimReview.text);
  expect(reviewDoc["@context"]).toBe("https://schema.org");
  const graph = reviewDoc["@graph"] as Record<string, unknown>[];
  expect(graph.find((o) => o["@type"] === "Collection")).toMatchObject({ collectionSize: 0 });
  expect(graph.filter((o) => o["@type"] === "ClaimReview")).toEqual([]);

  // CSV: one row for the claim.
  const csv = await downloadExport(page, "CSV");
  expect(csv.filename).toMatch(/\.csv$/);
  const rows = parseCsv(csv.text, { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ Quote: TEXT.majority, Claimant: CLAIM.claimant, Verdict: CLAIM.verdict, Rationale: CLAIM.rationale, "Source URLs": CLAIM.source.url });
  expect(rows[0]!["Export scope"]).toMatch(/^All claims/);

  // "Approved only": the claim is not approved, so the file has none, and says which claims it holds.
  const approvedOnly = await downloadExport(page, "JSON", "Approved only");
  const approvedData = JSON.parse(approvedOnly.text);
  expect(approvedData.scope).toBe("approved");
  expect(approvedData.claims).toEqual([]);
  // The menu remembers the choice while the page is open.
  await openExportMenu(page);
  await expect(exportMenu(page).getByRole("menuitemradio", { name: "Approved only", exact: true })).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("Escape");

  // Round trip: the JSON export uploaded on the import page becomes a new article with the claim.
  const importPage = new ImportPage(page);
  await importPage.goto();
  await importPage.fill({ file: { name: json.filename, mimeType: "application/json", buffer: Buffer.from(json.text) } });
  await importPage.submit();
  await expect(page).toHaveURL(/\/articles\/[0-9a-f-]{36}$/);
  expect(new URL(page.url()).pathname).not.toBe(articlePath);
  await articlePage.expectReady();
  await expect(articlePage.heading()).toContainText(title);
  await expect(articlePage.claimsHeading()).toHaveText("Claims (1)");
  await expect(articlePage.highlight(TEXT.majority)).toHaveCount(1);
  await articlePage.openFromList(TEXT.majority);
  await expect(articlePage.rationale()).toHaveValue(CLAIM.rationale);
  await expect(articlePage.claimant()).toHaveValue(CLAIM.claimant);
  await expect(articlePage.selectedLabel(articlePage.verdict())).toHaveText(CLAIM.verdict);
  await articlePage.expectSource(1, { url: CLAIM.source.url, title: CLAIM.source.title, publisher: CLAIM.source.publisher, stance: "Refutes the claim" });
});

test("the menu works from the keyboard", async ({ articlePage, sampleArticlePath }) => {
  const page = articlePage.page;
  await articlePage.open(sampleArticlePath);
  await exportButton(page).focus();
  await page.keyboard.press("Enter");
  await expect(exportMenu(page)).toBeVisible();
  // Down to "Approved only", choose it (the menu stays open), then down to "JSON".
  await page.keyboard.press("ArrowDown");
  await expect(exportMenu(page).getByRole("menuitemradio", { name: "Approved only" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(exportMenu(page).getByRole("menuitemradio", { name: "Approved only" })).toHaveAttribute("aria-checked", "true");
  for (const name of ["HTML", "Markdown", "JSON"]) {
    await page.keyboard.press("ArrowDown");
    await expect(exportMenu(page).getByRole("menuitem", { name, exact: true })).toBeFocused();
  }
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  expect(new URL(download.url()).searchParams.get("scope")).toBe("approved");
});

test.describe("the export route checks the session, the format, the scope and the article", () => {
  test("answers each case with the right status and download headers", async ({ playwright, baseURL, sampleArticlePath }) => {
    const articleId = sampleArticlePath.split("/").pop()!;
    const url = (format: string, query = "", id = articleId) => `/api/articles/${id}/export/${format}${query}`;

    const anonymous = await playwright.request.newContext({ baseURL });
    try {
      const answer = await anonymous.get(url("json"), { maxRedirects: 0 });
      expect(answer.status()).toBe(401);
      expect((await answer.json()).error.code).toBe("unauthorized:auth");
    } finally {
      await anonymous.dispose();
    }

    // A genuine token whose account no longer exists (as for a disabled one): only the database check refuses it.
    const token = await encode({
      secret: process.env.E2E_AUTH_SECRET!,
      token: { sub: "0e5a3c1e-0000-4000-8000-000000000001", id: "0e5a3c1e-0000-4000-8000-000000000001", role: "admin", name: "Gone", email: "gone@claimdesk.test" },
    });
    const removed = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `next-auth.session-token=${token}` } });
    try {
      expect((await removed.get(url("json"))).status()).toBe(401);
    } finally {
      await removed.dispose();
    }

    for (const role of ["reviewer", "editor", "admin"] as const) {
      const signedIn = await playwright.request.newContext({ baseURL, storageState: storageStateFor(role) });
      try {
        const ok = await signedIn.get(url("csv", "?scope=approved"));
        expect(ok.status(), role).toBe(200);
        expect(ok.headers()["content-type"]).toBe("text/csv; charset=utf-8");
        expect(ok.headers()["content-disposition"]).toMatch(/^attachment; filename="[\w.-]+\.csv"; filename\*=UTF-8''[\w.%-]+\.csv$/);
        expect(ok.headers()["cache-control"]).toBe("no-store");
        expect(ok.headers()["x-content-type-options"]).toBe("nosniff");
      } finally {
        await signedIn.dispose();
      }
    }

    const reviewer = await playwright.request.newContext({ baseURL, storageState: storageStateFor("reviewer") });
    try {
      expect((await reviewer.get(url("docx"))).status()).toBe(404);
      expect((await reviewer.get(url("__proto__"))).status()).toBe(404);
      expect((await reviewer.get(url("json", "?scope=everything"))).status()).toBe(400);
      expect((await reviewer.get(url("json", "", "00000000-0000-4000-8000-000000000000"))).status()).toBe(404);
      expect((await reviewer.get(url("json", "", "not-an-id"))).status()).toBe(404);
      // No scope: all claims.
      const json = await reviewer.get(url("json"));
      expect(json.status()).toBe(200);
      expect(json.headers()["content-type"]).toMatch(/^application\/json/);
      expect((await json.json()).scope).toBe("all");
      // IRIs use the configured origin, whatever Host the request claims.
      const forged = await reviewer.get(url("web-annotation"), { headers: { "x-forwarded-host": "evil.example", host: new URL(baseURL!).host } });
      expect(await forged.text()).not.toContain("evil.example");
    } finally {
      await reviewer.dispose();
    }
  });
});

test("a .json file that is not a Claimdesk export is refused on the import page, saying why", async ({ reviewerPage }) => {
  const importPage = new ImportPage(reviewerPage);
  await importPage.goto();
  await expect(importPage.file()).toHaveAttribute("accept", /\.json/);
  await importPage.fill({ file: { name: "notes.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ title: "Not an export" })) } });
  await importPage.submit();
  await expect(importPage.alert()).toContainText("not a Claimdesk JSON export");
  await expect(reviewerPage).toHaveURL(/\/articles\/import$/);

  await importPage.fill({ file: { name: "broken.json", mimeType: "application/json", buffer: Buffer.from("{ not json") } });
  await importPage.submit();
  await expect(importPage.alert()).toContainText("not valid JSON");
});
