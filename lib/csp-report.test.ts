import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { createLogLimiter, forLog, logLine, MAX_REPORTS_PER_BATCH, parseCspReports } from "./csp-report";

const legacy = {
  "csp-report": {
    "document-uri": "http://localhost:3000/articles",
    "violated-directive": "script-src-attr",
    "effective-directive": "script-src-attr",
    "blocked-uri": "inline",
    "source-file": "http://localhost:3000/articles",
    "line-number": 12,
    "script-sample": "alert(1)",
    disposition: "enforce",
  },
};

const batch = [
  {
    type: "csp-violation",
    age: 3,
    url: "http://localhost:3000/published/x",
    user_agent: "Chromium",
    body: { documentURL: "http://localhost:3000/published/x", effectiveDirective: "style-src-elem", blockedURL: "inline", lineNumber: 4, disposition: "enforce", sample: "" },
  },
  { type: "deprecation", url: "http://localhost:3000/", body: { id: "x" } },
];

const badRequest = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
  throw new Error("expected a refusal");
};

describe("parseCspReports", () => {
  it("reads a report-uri report and a Reporting API batch (skipping other report types)", () => {
    expect(parseCspReports("application/csp-report", JSON.stringify(legacy))).toEqual([
      { directive: "script-src-attr", blocked: "inline", document: "http://localhost:3000/articles", source: "http://localhost:3000/articles", line: 12, sample: "alert(1)", disposition: "enforce" },
    ]);
    const got = parseCspReports("application/reports+json", JSON.stringify(batch));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ directive: "style-src-elem", document: "http://localhost:3000/published/x", line: 4 });
  });

  it("refuses other content types, invalid JSON and bodies of the wrong shape with bad_request", () => {
    expect(badRequest(() => parseCspReports("text/plain", JSON.stringify(legacy)))).toBe("bad_request:request");
    expect(badRequest(() => parseCspReports("application/csp-report", "{"))).toBe("bad_request:request");
    expect(badRequest(() => parseCspReports("application/csp-report", JSON.stringify({ hello: 1 })))).toBe("bad_request:request");
    expect(badRequest(() => parseCspReports("application/csp-report", JSON.stringify({ "csp-report": { "line-number": "twelve" } })))).toBe("bad_request:request");
    expect(badRequest(() => parseCspReports("application/reports+json", JSON.stringify([{ type: "csp-violation", body: { lineNumber: -1 } }])))).toBe("bad_request:request");
    expect(badRequest(() => parseCspReports("application/reports+json", JSON.stringify(Array(101).fill(batch[1]))))).toBe("bad_request:request");
  });

  it("keeps at most a batch's worth of violations", () => {
    expect(parseCspReports("application/reports+json", JSON.stringify(Array(60).fill(batch[0])))).toHaveLength(MAX_REPORTS_PER_BATCH);
  });

  it("never lets a report write a second log line or an endless one", () => {
    const forged = { "csp-report": { ...legacy["csp-report"], "blocked-uri": "inline\n[auth] admin signed in\r", "script-sample": "x".repeat(10_000) } };
    const [v] = parseCspReports("application/csp-report", JSON.stringify(forged));
    const line = logLine(v!);
    expect(line).not.toMatch(/[\r\n]/);
    expect(line.length).toBeLessThan(800);
    expect(forLog("a\u2028b")).toBe("a b");
  });
});

describe("log limiter", () => {
  it("logs at most N lines a minute and then says how many it left out", () => {
    let now = 0;
    const limiter = createLogLimiter(2, () => now);
    expect(limiter.take(["a", "b", "c"])).toEqual(["a", "b"]);
    expect(limiter.take(["d"])).toEqual([]);
    now = 61_000;
    expect(limiter.take(["e"])).toEqual(["[csp] 2 more violation reports were not logged in the last minute", "e"]);
  });
});
