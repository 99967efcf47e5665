/**
 * The repository stands alone: no tracked source, test, script or config file
 * reads `../shared` or an absolute path of this machine, so `npm test` works
 * on a fresh clone of the project by itself.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isExcepted, scanFile, scanRepository, type Exception } from "./machine-paths";

const ROOT = process.cwd();

/** Paths that are allowed, each with the reason a reader needs. */
const EXCEPTIONS: Exception[] = [
  {
    file: "e2e/support/chromium.ts",
    match: "/usr/bin/chromium",
    reason: "Debian's Chromium, the default browser for Playwright and the benchmarks; CHROMIUM_PATH overrides it (README).",
  },
  { file: "test/repository/standalone.test.ts", match: "", reason: "this file: the scanner's own samples and exceptions, never read as paths." },
];

// Sample paths are spelled in pieces so this file does not match itself.
const slash = (...parts: string[]) => parts.join("/");

describe("the repository stands alone", () => {
  const { scanned, findings: all } = scanRepository(ROOT);
  const findings = all.filter((f) => !isExcepted(f, EXCEPTIONS));

  it("reads the tracked source and config files", () => {
    expect(scanned).toBeGreaterThan(150);
  });

  it("has no file that reads ../shared or an absolute path of this machine", () => {
    expect(findings.map((f) => `${f.file}:${f.line} ${f.text} (${f.why})`)).toEqual([]);
  });

  it("keeps each exception needed (a stale one would hide nothing but mislead)", () => {
    for (const e of EXCEPTIONS) expect(all.some((f) => isExcepted(f, [e])), e.file).toBe(true);
  });
});

describe("the scanner", () => {
  const scan = (file: string, text: string) => scanFile(file, text, ROOT).map((f) => f.text);

  it("finds the W3C suite path the web-annotation test used to read", () => {
    const before = `// The W3C suite\nconst SUITE = "${slash("", "work", "shared", "conformance", "w3c-web-annotation-tests")}";\n`;
    expect(scan("lib/export/web-annotation.test.ts", before)).toEqual([slash("", "work", "shared", "conformance", "w3c-web-annotation-tests")]);
  });

  it("finds ../shared however it is spelled, and paths that climb out of the repository", () => {
    expect(scan("bench/x.ts", `readFileSync("${slash("..", "shared", "TARGETS.md")}")`)).toEqual([slash("..", "shared")]);
    expect(scan("bench/x.ts", `path.join(ROOT, "..", "shared", "x.json")`)).toEqual([slash("..", "shared", "x.json")]);
    expect(scan("lib/x.ts", `import data from "${slash("..", "..", "outside", "data.json")}";`)).toEqual([slash("..", "..", "outside", "data.json")]);
    expect(scan("e2e/support/x.ts", `path.join(__dirname, "${slash("..", "..", "db", "seed")}")`)).toEqual([]);
  });

  it("finds home folders, temporary folders and mounts in code, JSON and scripts", () => {
    expect(scan("lib/x.ts", "const dir = `" + slash("", "tmp", "claimdesk-fixtures") + "/${name}`;")).toEqual([slash("", "tmp", "claimdesk-fixtures") + "/"]);
    expect(scan("package.json", JSON.stringify({ scripts: { seed: `tsx ${slash("", "home", "dev", "seed.ts")}` } }))).toEqual([slash("", "home", "dev", "seed.ts")]);
    expect(scan(".ci/run", `#!/usr/bin/env bash\ncd ${slash("", "root", "claimdesk")}\n`)).toEqual([slash("", "root", "claimdesk")]);
    expect(scan("lib/x.ts", 'const p = "C:\\\\Users\\\\dev\\\\data";')).toEqual(["C:\\Users\\"]);
  });

  it("ignores comments, prose, URL paths and URLs", () => {
    expect(scan("lib/x.ts", `// copied from ${slash("", "work", "shared")}\nconst a = "/api/health"; const b = "https://example.org${slash("", "home", "x")}"; const c = "/admin/users";`)).toEqual([]);
    expect(scan("docs/x.md", `See ${slash("..", "shared", "TARGETS.md")}`)).toEqual([]);
    expect(scan(path.join("db", "seed", "a.sql"), slash("", "tmp", "x"))).toEqual([]);
  });
});
