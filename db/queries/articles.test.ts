import { afterAll, describe, expect, it } from "vitest";
import { createArticle, listArticles } from "@/db/queries/articles";
import { openTestDesk } from "@/test/support/database";

const desk = await openTestDesk("article-list");
afterAll(desk.close);

describe("listArticles", () => {
  it("pages the list newest first, with each article's claim counts, and clamps pages past the end", async () => {
    const before = await listArticles();
    const ids: string[] = [];
    for (const title of ["First", "Second", "Third"]) {
      ids.push((await createArticle({ actor: desk.editor, input: { title, format: "text", body: `${title} article says unemployment fell to 3%.` } })).id);
      await new Promise((resolve) => setTimeout(resolve, 3)); // created_at has millisecond resolution
    }
    await desk.mark("unemployment fell to 3%", { articleId: ids[0]! });

    const first = await listArticles({ pageSize: 2 });
    expect(first).toMatchObject({ page: 1, total: before.total + 3, pageCount: Math.ceil((before.total + 3) / 2) });
    expect(first.items.map((a) => a.title)).toEqual(["Third", "Second"]);
    const second = await listArticles({ pageSize: 2, page: "2" });
    expect(second.items[0]).toMatchObject({ id: ids[0], title: "First", claimCounts: { total: 1, open: 1, approved: 0 } });

    expect((await listArticles({ pageSize: 2, page: "9999" })).page).toBe(first.pageCount);
    for (const junk of ["0", "-3", "abc", "1.5", null]) expect((await listArticles({ pageSize: 2, page: junk })).page, String(junk)).toBe(1);
  });
});
