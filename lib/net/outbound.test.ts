import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkOutboundDestination, checkOutboundUrl, outboundRequest, OutboundError, parseAllowHosts, refusedAddressOf } from "@/lib/net/outbound";

let server: http.Server;
let origin = "";
let allow: ReadonlySet<string> = new Set();
const received: { method?: string; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://x");
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push({ method: request.method, body });
      const hops = Number(url.searchParams.get("hops") ?? 0);
      if (url.pathname === "/chain") {
        if (hops > 0) {
          response.writeHead(302, { location: `/chain?hops=${hops - 1}` }).end();
        } else response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<p>end</p>");
      } else if (url.pathname === "/to-metadata") {
        response.writeHead(301, { location: "http://169.254.169.254/latest/meta-data/" }).end();
      } else if (url.pathname === "/to-loopback") {
        response.writeHead(307, { location: "http://127.0.0.1:1/" }).end();
      } else if (url.pathname === "/huge") {
        response.writeHead(200, { "content-type": "text/html" });
        response.end("x".repeat(200_000));
      } else if (url.pathname === "/pdf") {
        response.writeHead(200, { "content-type": "application/pdf" }).end("%PDF");
      } else if (url.pathname === "/slow") {
        setTimeout(() => response.writeHead(200, { "content-type": "text/html" }).end("late"), 2_000);
      } else response.writeHead(200, { "content-type": "text/html" }).end(`ok ${request.method}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  allow = parseAllowHosts(`127.0.0.1:${port}`);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function refusal(promise: Promise<unknown>): Promise<OutboundError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OutboundError);
  return error as OutboundError;
}

describe("refusedAddressOf and checkOutboundDestination (IP literals, before any request)", () => {
  const refused = (raw: string) => refusedAddressOf(new URL(raw));

  it("names loopback, private, link-local, unique-local, metadata and unspecified literals, in every form WHATWG URL reads", () => {
    const cases: [string, RegExp][] = [
      ["http://127.0.0.1/", /^127\.0\.0\.1 is a loopback address/],
      ["http://127.1.2.3:8080/x", /loopback/],
      ["http://2130706433/", /^127\.0\.0\.1 is a loopback/], // decimal
      ["http://0x7f000001/", /^127\.0\.0\.1 is a loopback/], // hex
      ["http://0x7f.1/", /^127\.0\.0\.1 is a loopback/], // hex, two parts
      ["http://0177.0.0.1/", /^127\.0\.0\.1 is a loopback/], // octal
      ["http://10.1.2.3/", /private network/],
      ["http://172.16.0.9/", /private network/],
      ["http://192.168.1.1/", /private network/],
      ["http://0xc0a80101/", /^192\.168\.1\.1 is a private network/],
      ["http://169.254.169.254/latest/meta-data/", /^169\.254\.169\.254 is the cloud metadata address/],
      ["http://169.254.1.1/", /link-local/],
      ["http://100.64.0.1/", /carrier-grade NAT/],
      ["http://0.0.0.0/", /unspecified/],
      ["http://[::1]/", /^::1 is a loopback/],
      ["http://[::]/", /unspecified/],
      ["http://[fe80::1]/", /link-local/],
      ["http://[fc00::1]/", /unique-local/],
      ["http://[fd00:ec2::254]/", /cloud metadata/],
      ["http://[::ffff:127.0.0.1]/", /^::ffff:7f00:1 \(127\.0\.0\.1\) is a loopback/], // IPv4-mapped
      ["http://[::ffff:a9fe:a9fe]/", /169\.254\.169\.254\) is the cloud metadata/],
      ["http://[::ffff:10.0.0.1]/", /private network/],
      ["http://[64:ff9b::7f00:1]/", /reserved/], // NAT64 of 127.0.0.1
      ["http://[2002:7f00:1::]/", /reserved/], // 6to4 of 127.0.0.1
      ["http://224.0.0.1/", /multicast/],
      ["http://255.255.255.255/", /broadcast/],
    ];
    for (const [raw, expected] of cases) expect(refused(raw), raw).toMatch(expected);
  });

  it("lets public addresses and DNS names through (names are checked as resolved, at the request)", () => {
    for (const raw of ["https://93.184.215.14/", "https://[2606:4700::1111]/", "https://hooks.example.com/x", "http://localhost:3000/", "https://8.8.8.8.nip.io/"]) {
      expect(refused(raw), raw).toBeNull();
    }
  });

  it("refuses with code blocked and a sentence naming the address, unless the host:port is allowed", () => {
    const error = (() => {
      try {
        checkOutboundDestination("http://[::ffff:127.0.0.1]:8080/hook", new Set());
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(OutboundError);
    expect((error as OutboundError).code).toBe("blocked");
    expect((error as OutboundError).message).toMatch(/127\.0\.0\.1\) is a loopback address .*only sends requests to public web addresses/);
    expect(checkOutboundDestination("http://127.0.0.1:8080/hook", parseAllowHosts("127.0.0.1:8080")).port).toBe("8080");
    expect(() => checkOutboundDestination("http://127.0.0.1:8081/hook", parseAllowHosts("127.0.0.1:8080"))).toThrow(OutboundError);
    expect(() => checkOutboundDestination("ftp://example.com/", new Set())).toThrow(/http:\/\/ or https:\/\//);
    expect(checkOutboundDestination("https://hooks.example.com/x", new Set()).hostname).toBe("hooks.example.com");
  });
});

describe("checkOutboundUrl", () => {
  it("takes http and https addresses and refuses other schemes and credentials", () => {
    expect(checkOutboundUrl("https://example.com/a?b=1").hostname).toBe("example.com");
    for (const bad of ["file:///etc/passwd", "ftp://example.com/", "javascript:alert(1)", "gopher://x/", "not a url", "https://user:pw@example.com/"]) {
      expect(() => checkOutboundUrl(bad), bad).toThrow(OutboundError);
    }
  });
});

describe("parseAllowHosts", () => {
  it("reads host:port entries and gives a bare host its default ports", () => {
    expect([...parseAllowHosts(" cms.local:8080 , Intranet ,")]).toEqual(["cms.local:8080", "intranet:80", "intranet:443"]);
    expect(parseAllowHosts(undefined).size).toBe(0);
  });
});

describe("outboundRequest", () => {
  it("refuses loopback, private, link-local and metadata addresses unless the host is allowed", async () => {
    for (const url of [origin, "http://localhost:9/", "http://10.0.0.1/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]:9/", "http://0.0.0.0:9/"]) {
      const error = await refusal(outboundRequest({ url, allowHosts: new Set(), timeoutMs: 3_000 }));
      expect(error.code, url).toBe("blocked");
    }
    const answer = await outboundRequest({ url: `${origin}/`, allowHosts: allow });
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe("ok GET");
  });

  it("checks every redirect again and follows at most the limit", async () => {
    const five = await outboundRequest({ url: `${origin}/chain?hops=5`, allowHosts: allow });
    expect(five.status).toBe(200);
    expect(five.redirects).toHaveLength(5);
    expect(five.url).toBe(`${origin}/chain?hops=0`);
    expect((await refusal(outboundRequest({ url: `${origin}/chain?hops=6`, allowHosts: allow }))).code).toBe("too_many_redirects");
    expect((await refusal(outboundRequest({ url: `${origin}/to-metadata`, allowHosts: allow, timeoutMs: 3_000 }))).code).toBe("blocked");
    expect((await refusal(outboundRequest({ url: `${origin}/to-loopback`, allowHosts: allow }))).code).toBe("blocked");
  });

  it("stops at the byte limit, the deadline and a refused content type", async () => {
    expect((await refusal(outboundRequest({ url: `${origin}/huge`, allowHosts: allow, maxBytes: 100_000 }))).code).toBe("too_large");
    expect((await refusal(outboundRequest({ url: `${origin}/slow`, allowHosts: allow, timeoutMs: 300 }))).code).toBe("timeout");
    const htmlOnly = (type: string) => type === "text/html";
    expect((await refusal(outboundRequest({ url: `${origin}/pdf`, allowHosts: allow, acceptContentType: htmlOnly }))).code).toBe("unsupported_type");
    expect((await outboundRequest({ url: `${origin}/`, allowHosts: allow, acceptContentType: htmlOnly })).mediaType).toBe("text/html");
  });

  it("sends a POST body and never follows a redirect for it", async () => {
    const posted = await outboundRequest({ url: `${origin}/`, method: "POST", body: '{"a":1}', headers: { "content-type": "application/json" }, allowHosts: allow });
    expect(posted.body.toString()).toBe("ok POST");
    expect(received.at(-1)).toEqual({ method: "POST", body: '{"a":1}' });
    const redirected = await outboundRequest({ url: `${origin}/to-metadata`, method: "POST", body: "{}", allowHosts: allow });
    expect(redirected.status).toBe(301);
    expect(redirected.redirects).toEqual([]);
  });
});
