import { randomUUID } from "node:crypto";
import { expect, type Locator, type Page } from "@playwright/test";

/** A title no other test (or worker) will use, so tests sharing the database stay independent. */
export function uniqueTitle(label: string): string {
  return `${label} ${randomUUID().slice(0, 8)}`;
}

/**
 * Waits until React has hydrated the element, i.e. its event handlers are
 * attached. Before that, pressing a submit button would send a plain HTML form
 * submission instead of what the page does once it is interactive.
 */
export async function expectInteractive(locator: Locator): Promise<void> {
  await expect
    .poll(() => locator.evaluate((el) => Object.keys(el).some((key) => key.startsWith("__reactProps$"))), {
      message: "the page became interactive (React hydrated)",
    })
    .toBe(true);
}

export type ArticleFields = {
  title?: string;
  sourceUrl?: string;
  publisher?: string;
  author?: string;
  /** yyyy-mm-dd */
  publishedOn?: string;
  format?: "Plain text" | "Markdown" | "HTML";
  body?: string;
  file?: { name: string; mimeType: string; buffer: Buffer };
};

/** The import page (/articles/import), driven through its labels and roles. */
export class ImportPage {
  constructor(readonly page: Page) {}

  readonly heading = () => this.page.getByRole("heading", { level: 1, name: "Import article" });
  readonly title = () => this.page.getByLabel("Title", { exact: true });
  readonly sourceUrl = () => this.page.getByLabel("Source URL", { exact: true });
  readonly publisher = () => this.page.getByLabel("Publisher", { exact: true });
  readonly author = () => this.page.getByLabel("Author", { exact: true });
  readonly publishedOn = () => this.page.getByLabel("Publication date", { exact: true });
  readonly formatGroup = () => this.page.getByRole("group", { name: "Format of the pasted text" });
  readonly body = () => this.page.getByLabel("Article body", { exact: true });
  readonly file = () => this.page.getByLabel("Or upload a file", { exact: true });
  readonly submitButton = () => this.page.getByRole("button", { name: "Import", exact: true });
  /** Import from a web address: the field, its button and the preview of what was found. */
  readonly url = () => this.page.getByLabel("URL", { exact: true });
  readonly fetchButton = () => this.page.getByRole("button", { name: "Fetch", exact: true });
  readonly preview = () => this.page.getByRole("region", { name: "Preview" });
  /** The form-level error message (inside main: Next's route announcer is an alert too). */
  readonly alert = () => this.page.getByRole("main").getByRole("alert");

  async goto(): Promise<void> {
    await this.page.goto("/articles/import");
    await expect(this.heading()).toBeVisible();
    await expectInteractive(this.submitButton());
  }

  async fill(fields: ArticleFields): Promise<void> {
    if (fields.title !== undefined) await this.title().fill(fields.title);
    if (fields.sourceUrl !== undefined) await this.sourceUrl().fill(fields.sourceUrl);
    if (fields.publisher !== undefined) await this.publisher().fill(fields.publisher);
    if (fields.author !== undefined) await this.author().fill(fields.author);
    if (fields.publishedOn !== undefined) await this.publishedOn().fill(fields.publishedOn);
    if (fields.format !== undefined) await this.formatGroup().getByRole("radio", { name: fields.format, exact: true }).check();
    if (fields.body !== undefined) await this.body().fill(fields.body);
    if (fields.file !== undefined) await this.file().setInputFiles(fields.file);
  }

  async submit(): Promise<void> {
    await this.submitButton().click();
  }

  /** Fills the form, imports and waits for the article page. Returns the article's path. */
  async importArticle(fields: ArticleFields & { title: string }): Promise<string> {
    await this.fill(fields);
    await this.submit();
    await expect(this.page).toHaveURL(/\/articles\/[0-9a-f-]{36}$/);
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(fields.title);
    await expect(articleTextbox(this.page)).toBeVisible();
    return new URL(this.page.url()).pathname;
  }
}

/** The region of the article page holding the article. */
export const articleRegion = (page: Page) => page.getByRole("region", { name: "Article and marking tools" });

/** The article itself (the TipTap editor) inside that region. */
export const articleTextbox = (page: Page) => articleRegion(page).getByRole("textbox", { name: "Article text" });

/**
 * The article list's link to `title`, paging on with "Next" as a person would
 * from where `page` is: the list shows 50 articles a page, newest first, and
 * other specs keep importing copies (the seeded sample article is the oldest).
 */
export async function findInArticleList(page: Page, title: string): Promise<Locator> {
  const link = () => page.getByRole("link", { name: title, exact: true });
  const next = page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next" });
  await expect(page.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
  for (let i = 0; i < 200 && (await link().count()) === 0 && (await next.count()) > 0; i++) {
    const url = page.url();
    await next.click();
    await expect(page).not.toHaveURL(url);
  }
  return link();
}

/** Opens the article list in a new tab of the same session and returns it. */
export async function openArticleListInNewTab(page: Page): Promise<Page> {
  const list = await page.context().newPage();
  await list.goto("/articles");
  await expect(list.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
  await expect(list.getByRole("table")).toBeVisible();
  return list;
}
