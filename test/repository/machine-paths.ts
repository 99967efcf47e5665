/**
 * Finds places where a tracked file would read something outside the
 * repository at build, test or run time: a sibling folder (`../shared`), an
 * absolute path of one machine (a home, /tmp, a mounted work folder) or a
 * relative path that climbs out of the repository. Code is read with the
 * TypeScript parser, so only string literals count (comments and prose do
 * not); JSON files count by their string values, shell and other config files
 * by their text.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export type Finding = { file: string; line: number; text: string; why: string };

/** Top-level folders that only exist on some machine (written without slashes so this file does not match itself). */
const MACHINE_ROOTS = ["work", "home", "root", "Users", "tmp", "var", "opt", "mnt", "srv", "usr", "etc", "private", "Volumes", "media"];
const ABSOLUTE = new RegExp(`(?:^|[\\s"'\`=:(,;])(/(?:${MACHINE_ROOTS.join("|")})(?:/[^\\s"'\`)]*)?)(?=$|[\\s"'\`),;])`);
const WINDOWS = /(?:^|[\s"'`=:(,;])([A-Za-z]:\\(?:Users|Documents and Settings)\\)/;
const SHARED = /(?:^|[^\w.])((?:\.\.\/)+shared)(?:\/|$|[^\w-])/;

const CODE = new Set([".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"]);
const JSON_FILES = new Set([".json", ".jsonc"]);
/** Config and scripts read as text (shell, YAML, env, npm). */
const TEXT = new Set([".sh", ".bash", ".yml", ".yaml", ".toml", ".npmrc", ".nvmrc", ".env", ".ini", ".cfg"]);

export type Exception = { file: string; match: string; reason: string };

/** Tracked files, or a walk of the tree when this is not a git checkout (a downloaded archive). */
export function repositoryFiles(root: string): string[] {
  try {
    return execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
      .split("\0")
      .filter(Boolean)
      .filter((f) => existsSync(path.join(root, f)));
  } catch {
    const out: string[] = [];
    const skip = new Set(["node_modules", ".next", ".git", "test-results", "playwright-report", "data"]);
    const walk = (dir: string) => {
      for (const name of readdirSync(path.join(root, dir))) {
        if (skip.has(name)) continue;
        const rel = dir ? `${dir}/${name}` : name;
        if (statSync(path.join(root, rel)).isDirectory()) walk(rel);
        else out.push(rel);
      }
    };
    walk("");
    return out;
  }
}

/** Which reader applies to a file, or null when it is prose or data nothing executes (Markdown, SQL, HTML fixtures, images). */
export function kindOf(file: string, firstLine = ""): "code" | "json" | "text" | null {
  const base = path.basename(file);
  const ext = base.startsWith(".") && !base.slice(1).includes(".") ? base : path.extname(base);
  if (CODE.has(ext)) return "code";
  if (JSON_FILES.has(ext)) return "json";
  if (TEXT.has(ext) || base.startsWith(".env") || base === "Dockerfile" || base === "Makefile") return "text";
  if (!ext && firstLine.startsWith("#!")) return "text"; // an executable script such as .ci/run
  return null;
}

function check(value: string, file: string, line: number, root: string, fromDir: string): Finding[] {
  const found: Finding[] = [];
  const shared = SHARED.exec(value);
  if (shared) found.push({ file, line, text: shared[1]!, why: "reads a folder beside the repository" });
  const absolute = ABSOLUTE.exec(value) ?? WINDOWS.exec(value);
  if (absolute) found.push({ file, line, text: absolute[1]!, why: "an absolute path of one machine" });
  // A relative path that climbs out of the repository from the file's own folder.
  if (!shared && /^(?:\.\.\/)+/.test(value)) {
    const target = path.resolve(root, fromDir, value);
    if (path.relative(root, target).startsWith("..")) found.push({ file, line, text: value, why: "a relative path outside the repository" });
  }
  return found;
}

function scanCode(text: string, file: string, root: string): Finding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : undefined);
  const found: Finding[] = [];
  const dir = path.dirname(file);
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      found.push(...check(node.text, file, lineOf(node), root, dir));
    } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      // path.join("..", "shared") spells the folder in pieces: look at the literal arguments together.
      const parts = (node.arguments ?? []).flatMap((a: ts.Node) => (ts.isStringLiteralLike(a) ? [a.text] : []));
      if (parts.length > 1) {
        const joined = parts.join("/");
        const shared = SHARED.exec(joined);
        if (shared) found.push({ file, line: lineOf(node), text: joined, why: "reads a folder beside the repository" });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function scanJson(text: string, file: string, root: string): Finding[] {
  const found: Finding[] = [];
  const lines = text.split("\n");
  const lineOf = (needle: string) => Math.max(1, lines.findIndex((l) => l.includes(needle)) + 1);
  const visit = (value: unknown) => {
    if (typeof value === "string") found.push(...check(value, file, 0, root, path.dirname(file)).map((f) => ({ ...f, line: lineOf(f.text) })));
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") Object.values(value).forEach(visit);
  };
  try {
    visit(JSON.parse(text));
  } catch {
    // JSON with comments (tsconfig): read it as text.
    return scanText(text, file, root);
  }
  return found;
}

function scanText(text: string, file: string, root: string): Finding[] {
  return text.split("\n").flatMap((line, i) => (line.trimStart().startsWith("#") ? [] : check(line.trim(), file, i + 1, root, path.dirname(file))));
}

/** The findings in one file's text (`file` relative to `root`, slash-separated). */
export function scanFile(file: string, text: string, root: string): Finding[] {
  const kind = kindOf(file, text.slice(0, 200).split("\n")[0]);
  if (kind === "code") return scanCode(text, file, root);
  if (kind === "json") return scanJson(text, file, root);
  if (kind === "text") return scanText(text, file, root);
  return [];
}

export function isExcepted(finding: Finding, exceptions: readonly Exception[]): boolean {
  return exceptions.some((e) => e.file === finding.file && finding.text.includes(e.match));
}

/** Every finding in the repository's tracked source, script and config files. */
export function scanRepository(root: string): { scanned: number; findings: Finding[] } {
  let scanned = 0;
  const findings: Finding[] = [];
  for (const file of repositoryFiles(root)) {
    const full = path.join(root, file);
    if (!statSync(full).isFile() || statSync(full).size > 2_000_000) continue;
    const text = readFileSync(full, "utf8");
    if (!kindOf(file, text.slice(0, 200).split("\n")[0])) continue;
    scanned++;
    findings.push(...scanFile(file, text, root));
  }
  return { scanned, findings };
}
