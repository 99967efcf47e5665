/**
 * Content-Security-Policy violation reports, as browsers send them to the
 * policy's `report-uri` (one `{"csp-report": {...}}`, application/csp-report)
 * or `report-to` (a batch of Reporting API reports, application/reports+json),
 * validated and reduced to one log line each. Framework-free.
 *
 * The endpoint is public (a browser sends reports without cookies) and so
 * trusts nothing in them: sizes are capped, text is cut short and stripped of
 * control characters before it reaches a log, and logging is rate-limited per
 * process so a flood of reports cannot flood the log.
 */
import { z } from "@/lib/zod";
import { AppError } from "./errors";
import { parseInput } from "./validation";

export const CSP_REPORT_BODY_LIMIT_BYTES = 64 * 1024;
/** Reports kept from one Reporting API batch. */
export const MAX_REPORTS_PER_BATCH = 20;

export type Violation = {
  directive: string;
  blocked: string;
  document: string;
  source: string;
  line: number | null;
  sample: string;
  disposition: string;
};

const text = z.string().optional();
const num = z.number().int().nonnegative().optional();

/** report-uri: the fields are kebab-case. */
const legacySchema = z.object({
  "csp-report": z.object({
    "document-uri": text,
    "violated-directive": text,
    "effective-directive": text,
    "blocked-uri": text,
    "source-file": text,
    "line-number": num,
    "script-sample": text,
    disposition: text,
  }),
});

/** report-to: a batch; only `csp-violation` reports are ours to read, others are skipped. */
const reportingSchema = z
  .array(
    z.object({
      type: z.string(),
      url: text,
      body: z.record(z.string(), z.unknown()).optional(),
    }),
  )
  .max(100, "Send at most 100 reports at once.");

const violationBodySchema = z.object({
  documentURL: text,
  effectiveDirective: text,
  blockedURL: text,
  sourceFile: text,
  lineNumber: num,
  sample: text,
  disposition: text,
});

/** Cut to `max` characters and without control characters (a report must not forge log lines). */
export function forLog(value: string | undefined, max = 200): string {
  const clean = (value ?? "").replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ");
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

function violation(v: { directive?: string; blocked?: string; document?: string; source?: string; line?: number; sample?: string; disposition?: string }): Violation {
  return {
    directive: forLog(v.directive, 80) || "(unknown directive)",
    blocked: forLog(v.blocked),
    document: forLog(v.document),
    source: forLog(v.source),
    line: v.line ?? null,
    sample: forLog(v.sample, 120),
    disposition: forLog(v.disposition, 20) || "enforce",
  };
}

/** The violations in a report body, or a `bad_request:request` AppError saying what is wrong with it. */
export function parseCspReports(contentType: string, body: string): Violation[] {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type !== "application/csp-report" && type !== "application/reports+json" && type !== "application/json") {
    throw new AppError("bad_request:request", "Send CSP violation reports as application/csp-report or application/reports+json.");
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new AppError("bad_request:request", "The report is not valid JSON.");
  }
  if (Array.isArray(json)) {
    return parseInput(reportingSchema, json, "request")
      .filter((r) => r.type === "csp-violation")
      .slice(0, MAX_REPORTS_PER_BATCH)
      .map((r) => {
        const b = violationBodySchema.safeParse(r.body ?? {});
        if (!b.success) throw new AppError("bad_request:request", "A csp-violation report has a body that is not a violation.");
        return violation({
          directive: b.data.effectiveDirective,
          blocked: b.data.blockedURL,
          document: b.data.documentURL ?? r.url,
          source: b.data.sourceFile,
          line: b.data.lineNumber,
          sample: b.data.sample,
          disposition: b.data.disposition,
        });
      });
  }
  const r = parseInput(legacySchema, json, "request")["csp-report"];
  return [
    violation({
      directive: r["effective-directive"] ?? r["violated-directive"],
      blocked: r["blocked-uri"],
      document: r["document-uri"],
      source: r["source-file"],
      line: r["line-number"],
      sample: r["script-sample"],
      disposition: r.disposition,
    }),
  ];
}

export function logLine(v: Violation): string {
  const where = v.source ? ` (${v.source}${v.line !== null ? `:${v.line}` : ""})` : "";
  return `[csp] ${v.disposition === "report" ? "report-only " : ""}${v.directive} blocked ${v.blocked || "(inline)"} on ${v.document || "(unknown page)"}${where}${v.sample ? ` sample: ${v.sample}` : ""}`;
}

/** At most `perMinute` log lines a minute; the rest are counted and summed up in the next line that gets through. */
export function createLogLimiter(perMinute: number, now: () => number = Date.now) {
  let windowStart = now();
  let used = 0;
  let dropped = 0;
  return {
    /** The lines to write now for these violations (possibly none). */
    take(lines: string[]): string[] {
      const t = now();
      const out: string[] = [];
      if (t - windowStart >= 60_000) {
        if (dropped) out.push(`[csp] ${dropped} more violation reports were not logged in the last minute`);
        windowStart = t;
        used = 0;
        dropped = 0;
      }
      for (const line of lines) {
        if (used < perMinute) {
          used++;
          out.push(line);
        } else dropped++;
      }
      return out;
    },
  };
}
