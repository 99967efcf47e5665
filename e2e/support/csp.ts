/**
 * Fails a test when any page it opened broke the Content-Security-Policy (or
 * sent a policy header the browser could not read). Every browser context a
 * test uses is watched: the default `context`/`page`, those from
 * openBrowserAs, and those a test makes itself with `browser.newContext`
 * (wrapped for the duration of the test, fixtures.ts).
 *
 * Two sources, so nothing slips through: the `securitypolicyviolation` event
 * in every document (an init script, reported through the console with a
 * marker), and Chromium's own console errors ("Refused to ... because it
 * violates the following Content Security Policy directive", which also come
 * when scripts are disabled and the init script cannot run).
 */
import type { Browser, BrowserContext, ConsoleMessage, Page } from "@playwright/test";

const MARKER = "[csp-violation]";

/** Console text that means a policy was broken or could not be read. */
export function isPolicyProblem(text: string): boolean {
  return (
    text.startsWith(MARKER) ||
    /Content Security Policy/i.test(text) ||
    /Content-Security-Policy/i.test(text) ||
    /Error with Permissions-Policy header/i.test(text)
  );
}

function reportViolations() {
  document.addEventListener(
    "securitypolicyviolation",
    (e) => {
      const detail = { directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample, page: location.pathname };
      console.error(`[csp-violation] ${JSON.stringify(detail)}`);
    },
    true,
  );
}

export class CspGuard {
  private readonly found: string[] = [];
  private readonly watched = new WeakSet<BrowserContext>();

  /** Watches a context: its existing pages, the ones it opens later, and every document loaded in them. */
  async watch(context: BrowserContext): Promise<void> {
    if (this.watched.has(context)) return;
    this.watched.add(context);
    await context.addInitScript(reportViolations);
    const onPage = (page: Page) =>
      page.on("console", (message: ConsoleMessage) => {
        const text = message.text();
        if (isPolicyProblem(text)) {
          // The init script's report and Chromium's own line describe one violation: keep the first.
          this.found.push(`${page.url()}: ${text}`);
        }
      });
    context.pages().forEach(onPage);
    context.on("page", onPage);
  }

  /** Wraps `browser.newContext` so contexts a test makes itself are watched too; returns the undo. */
  wrap(browser: Browser): () => void {
    const original = browser.newContext;
    browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
      const context = await original.apply(browser, args);
      await this.watch(context);
      return context;
    };
    return () => {
      browser.newContext = original;
    };
  }

  violations(): string[] {
    return [...this.found];
  }

  /** For a test that provokes a violation on purpose: what was seen so far, forgotten. */
  take(): string[] {
    return this.found.splice(0);
  }

  /** What the fixture calls when the test ends. */
  assertNone(): void {
    if (this.found.length) {
      throw new Error(`Content-Security-Policy violations (fix them where they come from; do not loosen the policy):\n${this.found.map((v) => `  - ${v}`).join("\n")}`);
    }
  }
}
