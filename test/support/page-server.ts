/**
 * A small web server for URL import tests: the committed pages under
 * test/fixtures/pages/ plus answers made on the fly (a redirect chain, a page
 * over 5 MB, a redirect to a loopback port nobody allowed, a PDF, a slow
 * page). Unit tests start it on a free port; the Playwright config runs this
 * file as a second webServer (`tsx test/support/page-server.ts`, port in
 * PAGES_PORT) and lets the app reach it through URL_IMPORT_ALLOW_HOSTS.
 *
 *   /news                news page with site chrome, comments, a paywall teaser, JSON-LD NewsArticle in @graph
 *   /local/2024/03/water-rates-rise
 *                        /news's canonical address: the same story as updated later (vote count corrected, a sentence added)
 *   /latin1              windows-1252 page, charset only in <meta http-equiv>, JSON-LD Article
 *   /no-article          a sign-in page
 *   /redirect/N          N redirects (302, 301, 307 in turn), then /news
 *   /huge                a page over 5 MB, sent without Content-Length
 *   /to-loopback         302 to http://127.0.0.1:1/ (a port not in URL_IMPORT_ALLOW_HOSTS)
 *   /report.pdf          application/pdf
 *   /slow?ms=N           answers after N ms
 *   /status/N            answers with status N
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath, pathToFileURL } from "node:url";

const PAGES_DIR = new URL("../fixtures/pages/", import.meta.url);
const page = (name: string) => readFileSync(new URL(name, PAGES_DIR));

/** Bytes of the huge page (a little over 5 MB). */
export const HUGE_PAGE_BYTES = 5 * 1024 * 1024 + 64 * 1024;

/** The news story as the site updated it: the vote count corrected and a sentence added to the second paragraph. */
export function updatedNews(): string {
  return page("news.html")
    .toString()
    .replace("by 31 votes to 9 on Monday evening", "by 30 votes to 10 on Monday evening")
    .replace("which will go towards a new treatment plant on the eastern shore.", "which will go towards a new treatment plant on the eastern shore. Work is due to start in the autumn.");
}

function handle(request: http.IncomingMessage, response: http.ServerResponse): void {
  const url = new URL(request.url ?? "/", "http://pages.test");
  const path = url.pathname;
  const html = (body: Buffer | string, type = "text/html; charset=utf-8") => void response.writeHead(200, { "content-type": type }).end(body);

  if (path === "/health") return void response.writeHead(200, { "content-type": "text/plain" }).end("ok");
  if (path === "/news") return html(page("news.html"));
  // The news page's canonical address serves the story as the site later updated it (Refresh from URL).
  if (path === "/local/2024/03/water-rates-rise") return html(updatedNews());
  if (path === "/latin1") return html(page("latin1.html"), "text/html");
  if (path === "/no-article") return html(page("no-article.html"));
  if (path === "/report.pdf") return void response.writeHead(200, { "content-type": "application/pdf" }).end("%PDF-1.7\n%…");
  if (path === "/to-loopback") return void response.writeHead(302, { location: "http://127.0.0.1:1/admin" }).end();
  const redirect = /^\/redirect\/(\d+)$/.exec(path);
  if (redirect) {
    const left = Number(redirect[1]);
    const status = [302, 301, 307][left % 3]!;
    return void response.writeHead(status, { location: left > 1 ? `/redirect/${left - 1}` : "/news" }).end();
  }
  const status = /^\/status\/(\d{3})$/.exec(path);
  if (status) return void response.writeHead(Number(status[1]), { "content-type": "text/html" }).end("<h1>Not here</h1>");
  if (path === "/slow") {
    const timer = setTimeout(() => html(page("news.html")), Number(url.searchParams.get("ms") ?? 2000));
    response.on("close", () => clearTimeout(timer));
    return;
  }
  if (path === "/huge") {
    // Chunked, so only the reader's own count can stop it (no Content-Length to refuse early).
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.write("<!DOCTYPE html><html><head><title>Huge</title></head><body><article>");
    const paragraph = `<p>${"A paragraph that repeats until the page is larger than the limit. ".repeat(15)}</p>\n`;
    let sent = 0;
    const more = () => {
      while (sent < HUGE_PAGE_BYTES && !response.destroyed) {
        sent += paragraph.length;
        if (!response.write(paragraph)) return void response.once("drain", more);
      }
      if (!response.destroyed) response.end("</article></body></html>");
    };
    return more();
  }
  response.writeHead(404, { "content-type": "text/html" }).end("<h1>No such page</h1>");
}

export type PageServer = { origin: string; hostPort: string; close: () => Promise<void> };

/** `unref`: the server does not keep the process alive (for suites that never close it, like the authorization matrix). */
export async function startPageServer(port = 0, { unref = false } = {}): Promise<PageServer> {
  const server = http.createServer(handle);
  if (unref) server.unref();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${bound}`,
    hostPort: `127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Run as a program (the Playwright config's second webServer).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PAGES_PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`${fileURLToPath(import.meta.url)}: set PAGES_PORT`);
  void startPageServer(port).then(({ origin }) => console.log(`fixture pages on ${origin}`));
}
