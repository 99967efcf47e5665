/**
 * bench:markdown — the Markdown parsers considered for the importer, on the
 * inputs that make parsers quadratic, at growing sizes: marked (the old
 * importer), markdown-it and micromark with GFM. Each parser's own
 * Markdown → HTML call, nothing of the importer around it, so the figures are
 * the parsers'. A parser that took longer than --cap ms at one size is not
 * run at the larger ones (marked needs 100 s for 500 KB of `*a`), and is
 * shown as "skipped".
 *
 * Usage: npm run bench:markdown [-- --sizes 10,100,500] [-- --cap 5000] [-- --parsers markdown-it,marked]
 */
import MarkdownIt from "markdown-it";
import { Marked } from "marked";
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { fill, lines } from "@/lib/import/fixtures/bombs";
import { ms, table } from "./lib/stats";

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1]! : fallback;
};
const SIZES_KB = option("sizes", "10,100,500").split(",").map(Number);
const CAP_MS = Number(option("cap", "5000"));
const ONLY = option("parsers", "").split(",").filter(Boolean);

const marked = new Marked({ gfm: true, breaks: false });
const markdownIt = new MarkdownIt({ html: true, linkify: true });

const ALL_PARSERS: Record<string, (md: string) => string> = {
  marked: (md) => marked.parse(md, { async: false }),
  "markdown-it": (md) => markdownIt.render(md),
  "micromark+gfm": (md) => micromark(md, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] }),
};

const PARSERS = Object.fromEntries(Object.entries(ALL_PARSERS).filter(([name]) => !ONLY.length || ONLY.includes(name)));

export const MARKDOWN_BOMBS: Record<string, (bytes: number) => string> = {
  "emphasis run `*a`": (b) => fill("*a", b),
  "strong run `**a`": (b) => fill("**a", b),
  "underscore run `_a`": (b) => fill("_a", b),
  "mixed `*a_`": (b) => fill("*a_", b),
  "unclosed links `[a`": (b) => fill("[a", b),
  "link openers `[a](`": (b) => fill("[a](", b),
  "backtick runs": (b) => lines(b, (i) => "`".repeat((i % 50) + 1) + "a"),
  "nested blockquotes `>`": (b) => fill(">", b) + " deep",
  "nested lists (indent)": (b) => lines(b, (i) => "  ".repeat(i % 2000) + "- item"),
  "nested lists (markers)": (b) => fill("- ", b) + "item",
  "link-reference flood": (b) => {
    const defs = lines(b / 2, (i) => `[r${i}]: https://example.org/${i} "t"`);
    return defs + "\n\n" + lines(b / 2, (i) => `[x][r${i}] [y] [r${i}][] ![i][r${i}]`);
  },
  "raw HTML openers `<a `": (b) => fill("<a ", b),
  "autolink-ish `www.a`": (b) => fill("www.a ", b),
  "tables, many columns": (b) => {
    const cols = 500;
    const head = "|" + "h|".repeat(cols) + "\n|" + "-|".repeat(cols) + "\n";
    return head + lines(b - head.length, () => "|" + "x|".repeat(cols));
  },
};

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

// Warm each parser once on ordinary text, so the first row is not JIT start-up.
const WARM = "# Title\n\nSome *emphasis*, **strong** and a [link](https://example.org).\n\n- a\n- b\n\n> quote\n".repeat(200);
for (const parse of Object.values(PARSERS)) for (let i = 0; i < 3; i++) parse(WARM);

const rows: string[][] = [["input", ...SIZES_KB.flatMap((kb) => Object.keys(PARSERS).map((p) => `${p} ${kb} KB`))]];
console.log(`Markdown → HTML, one run each, Node ${process.version}; a parser over ${CAP_MS} ms at one size is skipped at larger ones.\n`);
for (const [name, make] of Object.entries(MARKDOWN_BOMBS)) {
  const row = [name];
  const over = new Set<string>();
  for (const kb of SIZES_KB) {
    const input = make(kb * 1024);
    for (const [parser, parse] of Object.entries(PARSERS)) {
      if (over.has(parser)) {
        row.push("skipped");
        continue;
      }
      let t: number;
      try {
        t = time(() => parse(input));
      } catch (error) {
        row.push(`throws ${(error as Error).name}`);
        over.add(parser);
        continue;
      }
      if (t > CAP_MS) over.add(parser);
      row.push(ms(t));
    }
  }
  rows.push(row);
  console.log(table([rows[0]!, row]).split("\n")[1]);
}
console.log("\n" + table(rows));
