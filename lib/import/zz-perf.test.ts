import { test } from "vitest";
import { toArticleDocument } from "./index";
function time(label: string, f: () => unknown) {
  const t = performance.now();
  try { const r = f() as any; console.log(label, Math.round(performance.now() - t), "ms", r?.plainText?.length); }
  catch (e) { console.log(label, "THREW", (e as Error).name, (e as Error).message.slice(0, 100), Math.round(performance.now() - t), "ms"); }
}
test("perf", () => {
  for (const tag of ["<div>", "<blockquote>", "<ul><li>", "<ol><li><p>x</p><blockquote>", "<b><i>", "<span>", "<table><tr><td>"]) {
    time(`${tag} 300`, () => toArticleDocument({ format: "html", body: tag.repeat(300) + "x" }));
    time(`${tag} 200k`, () => toArticleDocument({ format: "html", body: tag.repeat(Math.floor(2_000_000 / tag.length)) + "x" }));
  }
}, 600_000);
