/**
 * Date and number formatting for pages that render many values. Each
 * `toLocaleDateString(...)` call builds a new Intl formatter (about 0.1 ms
 * each; on the dashboard it was the largest single cost of a page view), so
 * the formatters are built once here and reused.
 *
 * One style for people everywhere: days as "1 Nov 2024", times as
 * "1 Nov 2024, 14:05" (lib/relative-time.ts absoluteTime in the browser, in
 * the reader's time zone; formatDateTimeUtc on the server, marked UTC).
 * Machine formats (JSON, CSV, ClaimReview, <time dateTime>) keep ISO 8601.
 */
/** The one date format the server reads (forms, links, the API), whatever format a browser's date picker shows. */
export const ISO_DATE_FORMAT = "YYYY-MM-DD";

const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const numberFormat = new Intl.NumberFormat("en-GB");

function parseDay(value: string): Date | null {
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "1 Nov 2024" for an ISO date or timestamp (its UTC day); "—" for none. */
export function formatDay(value: string | null | undefined): string {
  if (!value) return "—";
  const date = parseDay(value);
  return date ? dayFormat.format(date) : value;
}

/** "Nov 2024" for "2024-11". */
export function formatMonth(month: string): string {
  const date = parseDay(`${month}-01`);
  return date ? monthFormat.format(date) : month;
}

/** "1 Nov 2024, 14:05 UTC". */
export function formatDateTimeUtc(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${dateTimeFormat.format(date)} UTC`;
}

/** "10,000". */
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}
