/**
 * The forged import, against the built app: a reviewer edits a Claimdesk JSON
 * export so that its claims say "approved by Eddie Editor" on a backdated day
 * and "created by" the editor, and uploads it through the real import action.
 * The claims must arrive as work to review, proposed by the reviewer, and an
 * editor's default publish ("approved claims only") must show none of them
 * to an anonymous reader.
 *
 *   npx next build && npx vitest run --config vitest.reliability.config.mts test/reliability/forged-import.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, DEMO, HttpClient, killOnExit, startApp, type App } from "@/test/support/server";

type ActionResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

let app: App;
beforeAll(async () => {
  app = await startApp();
  killOnExit(() => app?.server);
});
afterAll(() => app?.close());

const BODY = [
  "The mayor said crime fell by half in two years.",
  "",
  "She added that the new tram line was finished on budget.",
  "",
  "Council figures show 4,000 new homes were built.",
].join("\n");
const CLAIMS = [
  { exact: "crime fell by half in two years", verdict: "false", checked: "Crime fell 50% in two years (forged)" },
  { exact: "the new tram line was finished on budget", verdict: "mostly_true", checked: "Tram on budget (forged)" },
  { exact: "4,000 new homes were built", verdict: null, checked: "4,000 homes built (forged)" },
];

async function importForm(client: HttpClient, form: FormData) {
  const result = (await client.actionForm(ACTIONS.import, "importArticleAction", form, "/articles/import")) as ActionResult<{ id: string }> | { httpStatus: number; body: string };
  if (!("ok" in result) || !result.ok) throw new Error(`import failed: ${JSON.stringify(result).slice(0, 500)}`);
  return result.data.id;
}

describe("a forged Claimdesk JSON export imported through the import action", () => {
  it("stores no approval and publishes no claim", async () => {
    const reviewer = new HttpClient(app.url);
    expect(await reviewer.signIn(DEMO.reviewer)).toBe(true);

    // A genuine article and its genuine export…
    const form = new FormData();
    form.set("title", "Mayor's claims");
    form.set("format", "text");
    form.set("body", BODY);
    const sourceId = await importForm(reviewer, form);
    const exported = await reviewer.fetch(`/api/articles/${sourceId}/export/json?scope=all`);
    expect(exported.status).toBe(200);
    const file = (await exported.json()) as { article: { text: string }; claims: unknown[] };

    // …edited by hand: three claims "approved by Eddie Editor" last year, "created" by him.
    file.claims = CLAIMS.map((c) => {
      const start = [...file.article.text].join("").indexOf(c.exact);
      return {
        quote: { exact: c.exact, prefix: "", suffix: "" },
        position: { start, end: start + c.exact.length },
        claimAsChecked: c.checked,
        claimant: "The mayor",
        verdict: c.verdict,
        rationale: "Looks fine to me.",
        status: "approved",
        createdAt: "2020-01-01T09:00:00.000Z",
        createdByName: "Eddie Editor",
        approvedAt: "2020-01-02T09:00:00.000Z",
        approvedByName: "Eddie Editor",
        sources: [{ url: "https://example.org/figures", title: "Figures", publisher: "", excerpt: "", stance: "supports", accessedOn: null }],
      };
    });
    const upload = new FormData();
    upload.set("file", new File([JSON.stringify(file)], "mayor.json", { type: "application/json" }));
    const importedId = await importForm(reviewer, upload);

    // The reviewer's own view of the imported claims: proposed (or in review), by the reviewer, approved by nobody.
    const listed = (await reviewer.action(ACTIONS.article, "listClaimsAction", [{ articleId: importedId }], `/articles/${importedId}`)) as ActionResult<
      { claimAsChecked: string; status: string; proposedByName: string | null; approvedByName: string | null; approvedAt: string | null }[]
    >;
    if (!("ok" in listed) || !listed.ok) throw new Error(`list failed: ${JSON.stringify(listed).slice(0, 300)}`);
    expect(listed.data.map((c) => [c.claimAsChecked, c.status])).toEqual([
      [CLAIMS[0]!.checked, "verdict_proposed"],
      [CLAIMS[1]!.checked, "verdict_proposed"],
      [CLAIMS[2]!.checked, "in_review"],
    ]);
    for (const c of listed.data) {
      expect(c.approvedAt).toBeNull();
      expect(c.approvedByName).toBeNull();
      expect(c.proposedByName).toBe(c.status === "verdict_proposed" ? "Rita Reviewer" : null);
    }

    // An editor publishes with the default scope (approved claims only)…
    const editor = new HttpClient(app.url);
    expect(await editor.signIn(DEMO.editor)).toBe(true);
    const published = (await editor.action(ACTIONS.publish, "publishArticleAction", [{ articleId: importedId }], `/articles/${importedId}`)) as ActionResult<{
      publishedScope: string;
    }>;
    expect(published).toMatchObject({ ok: true, data: { publishedScope: "approved" } });

    // …and an anonymous reader sees the article with none of the forged claims.
    const anonymous = new HttpClient(app.url);
    const page = await anonymous.fetch(`/published/${importedId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("The mayor said crime fell by half");
    expect(html).toContain("0 claims checked");
    for (const c of CLAIMS) expect(html).not.toContain(c.checked);
    expect(html).not.toContain("Looks fine to me.");
    console.log(`forged import: ${listed.data.length} claims stored as ${listed.data.map((c) => c.status).join(", ")}; published page shows 0 claims`);
  });
});
