/**
 * CSV (RFC 4180): a header row and one row per claim, CRLF line ends, fields
 * quoted when needed with quotes doubled (csv-stringify). The file starts
 * with a UTF-8 byte-order mark so spreadsheet programs read accents right.
 *
 * Spreadsheet formula injection: a cell that begins with =, +, -, @, a tab or
 * a carriage return would be evaluated by Excel/LibreOffice/Sheets, so it is
 * prefixed with an apostrophe (OWASP "CSV injection").
 */
import { stringify } from "csv-stringify/sync";
import type { ExportBundle } from "./bundle";
import { scopeLabel } from "./bundle";
import { articleUrl, claimUrl } from "./links";
import { claimNumber, statusLabel, verdictLabel } from "./shared";

export const CSV_COLUMNS = [
  "Claim",
  "Article title",
  "Article URL",
  "Quote",
  "Claim as checked",
  "Claimant",
  "Verdict",
  "Status",
  "Rationale",
  "Source URLs",
  "Created",
  "Updated",
  "Approved",
  "Export scope",
  "Claim link",
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a cell a spreadsheet would read as a formula with `'`. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function renderCsv(bundle: ExportBundle): string {
  const { article } = bundle;
  const articleLink = articleUrl(bundle);
  const scope = `${scopeLabel(bundle.scope)} (exported ${bundle.exportedAt})`;
  const rows: string[][] = bundle.claims.map((c, i) => [
    String(claimNumber(i)),
    article.title,
    articleLink,
    c.quote.exact,
    c.claimAsChecked,
    c.claimant,
    verdictLabel(bundle, c.verdict),
    statusLabel(c.status),
    c.rationale,
    c.sources.map((s) => s.url).join("\n"),
    c.createdAt,
    c.updatedAt,
    c.approvedAt ?? "",
    scope,
    claimUrl(bundle, c),
  ]);
  return stringify(
    rows.map((row) => row.map(neutraliseCell)),
    { header: true, columns: [...CSV_COLUMNS], record_delimiter: "\r\n", bom: true },
  );
}
