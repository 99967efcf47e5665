import { describe, expect, it } from "vitest";
import { API_POLICY, appPolicy, createNonce, nonceOf, PERMISSIONS_POLICY, publishedPolicy, reportingEndpoints } from "./security-headers";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("nonces", () => {
  it("are 128 random bits, different each time", () => {
    const a = createNonce();
    expect(atob(a)).toHaveLength(16);
    expect(new Set(Array.from({ length: 100 }, createNonce)).size).toBe(100);
  });
});

describe("the app's policy", () => {
  const policy = appPolicy({ nonce: "abc", reportUri: "http://localhost:3000/api/csp-report" });
  const d = directives(policy);

  it("admits scripts by nonce only: no inline scripts or handlers, no eval in production", () => {
    expect(d.get("script-src")).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
    expect(d.get("script-src-attr")).toEqual(["'none'"]);
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(nonceOf(policy)).toBe("abc");
  });

  it("allows eval only in development", () => {
    expect(directives(appPolicy({ nonce: "n", development: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("refuses framing, plugins, <base> and foreign form targets, and reports violations", () => {
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'none'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    expect(d.get("report-uri")).toEqual(["http://localhost:3000/api/csp-report"]);
    expect(d.get("report-to")).toEqual(["csp"]);
  });

  it("needs the nonce for <style> elements and allows style attributes", () => {
    expect(d.get("style-src")).toEqual(["'self'", "'nonce-abc'"]);
    expect(d.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
  });

  it("upgrades insecure requests only when served over https", () => {
    expect(d.has("upgrade-insecure-requests")).toBe(false);
    expect(directives(appPolicy({ nonce: "n", https: true })).has("upgrade-insecure-requests")).toBe(true);
  });
});

describe("the published page's policy", () => {
  it("is stricter than the app's: nothing by default, no style attributes, no forms", () => {
    const d = directives(publishedPolicy({ nonce: "abc" }));
    expect(d.get("default-src")).toEqual(["'none'"]);
    expect(d.get("style-src-attr")).toEqual(["'none'"]);
    expect(d.get("form-action")).toEqual(["'none'"]);
    expect(d.get("script-src")).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
  });
});

describe("fixed headers", () => {
  it("API responses run and load nothing", () => {
    const d = directives(API_POLICY);
    expect(d.get("default-src")).toEqual(["'none'"]);
    expect(d.has("sandbox")).toBe(true);
    expect(d.has("script-src")).toBe(false);
  });

  it("Permissions-Policy denies what the app does not use and keeps clipboard writing", () => {
    expect(PERMISSIONS_POLICY).toContain("camera=()");
    expect(PERMISSIONS_POLICY).toContain("geolocation=()");
    expect(PERMISSIONS_POLICY).toContain("clipboard-write=(self)");
    expect(PERMISSIONS_POLICY.split(", ").every((p) => /^[a-z-]+=\((self)?\)$/.test(p))).toBe(true);
  });

  it("Reporting-Endpoints names the report route at the public origin", () => {
    expect(reportingEndpoints("https://desk.example")).toBe('csp="https://desk.example/api/csp-report"');
  });
});
