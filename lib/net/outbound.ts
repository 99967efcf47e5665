import http from "node:http";
import https from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import ipaddr from "ipaddr.js";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";
import { httpUrlSchema } from "@/lib/validation";

/**
 * The one way the server talks to a URL a user gave it (URL import, refresh
 * from URL, webhook deliveries). A user-supplied URL is a request forgery
 * risk: without a guard, "import http://169.254.169.254/…" or a webhook to
 * "http://127.0.0.1:3000/api/…" makes the server fetch its own cloud
 * metadata or internal services on the user's behalf.
 *
 * - http/https only, no user:password@ (the one URL validator,
 *   `httpUrlSchema`, plus that check);
 * - the address is checked where the socket connects, after DNS resolution,
 *   by request-filtering-agent: loopback, private, link-local, unique-local,
 *   reserved and 0.0.0.0/:: are refused, which also defeats DNS rebinding
 *   (the name is checked as resolved, not as written);
 * - every redirect is checked again, at most `maxRedirects`;
 * - one deadline for the whole exchange, redirects included;
 * - a byte limit, checked against Content-Length and while reading;
 * - optionally, only some content types.
 *
 * Node's own `http`/`https` are used because Next's patched `fetch` takes no
 * agent. `URL_IMPORT_ALLOW_HOSTS` (comma-separated `host:port`) lets named
 * hosts through the address check: tests' local servers and an intranet CMS.
 */

export type OutboundErrorCode =
  | "invalid_url"
  | "blocked"
  | "too_many_redirects"
  | "too_large"
  | "timeout"
  | "unsupported_type"
  | "unreachable";

export class OutboundError extends Error {
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
    /** The host refused or not reached, and the media type refused, for callers that word their own message. */
    readonly details: { host?: string; mediaType?: string } = {},
  ) {
    super(message);
    this.name = "OutboundError";
  }
}

export const OUTBOUND_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  timeoutMs: 10_000,
  maxRedirects: 5,
} as const;

export type OutboundRequest = {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string | Buffer;
  maxBytes?: number;
  timeoutMs?: number;
  /** Redirects to follow (GET only; a POST never follows one). */
  maxRedirects?: number;
  /** When given, a 2xx answer whose media type fails this is refused before its body is read. */
  acceptContentType?: (mediaType: string) => boolean;
  /** `host:port` entries let through the address check; defaults to URL_IMPORT_ALLOW_HOSTS. */
  allowHosts?: ReadonlySet<string>;
};

export type OutboundResponse = {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  /** The media type, lower-cased, without parameters ("" when absent). */
  mediaType: string;
  body: Buffer;
  /** Every URL redirected to, in order. */
  redirects: string[];
};

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** `host:port` entries, lower-cased; a bare host means its default ports 80 and 443. */
export function parseAllowHosts(value: string | undefined): ReadonlySet<string> {
  const hosts = new Set<string>();
  for (const entry of (value ?? "").split(",")) {
    const item = entry.trim().toLowerCase();
    if (!item) continue;
    if (/:\d+$/.test(item) && !item.endsWith("]")) hosts.add(item);
    else {
      hosts.add(`${item}:80`);
      hosts.add(`${item}:443`);
    }
  }
  return hosts;
}

function hostKey(url: URL): string {
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return `${url.hostname.toLowerCase()}:${port}`;
}

/** Parses and checks a URL's form (not its address): throws OutboundError("invalid_url"). */
export function checkOutboundUrl(raw: string): URL {
  const parsed = httpUrlSchema.safeParse(raw);
  if (!parsed.success) {
    throw new OutboundError("invalid_url", parsed.error.issues[0]?.message ?? "Enter a full web address starting with http:// or https://.");
  }
  const url = new URL(parsed.data);
  if (url.username || url.password) {
    throw new OutboundError("invalid_url", "Web addresses with a user name or password in them are not accepted.");
  }
  return url;
}

/** Cloud providers' instance-metadata addresses (AWS, GCP, Azure, OpenStack; AWS's IPv6 one), named as such in refusals. */
const METADATA_ADDRESSES = new Set(["169.254.169.254", "fd00:ec2::254"]);

const RANGE_WORDS: Record<string, string> = {
  loopback: "a loopback address (this server itself)",
  private: "a private network address",
  linkLocal: "a link-local address",
  uniqueLocal: "a unique-local (private) IPv6 address",
  unspecified: "the unspecified address",
  carrierGradeNat: "a carrier-grade NAT (shared) address",
  broadcast: "the broadcast address",
  multicast: "a multicast address",
};

/**
 * What is wrong with a URL's host when it is an IP literal the server must
 * not be sent to: a sentence like "127.0.0.1 is a
 * loopback address (this server itself)", or null for a public address or a
 * DNS name. The host is read as WHATWG URL normalised it, so 2130706433,
 * 0x7f.1 and [::ffff:127.0.0.1] are all seen as 127.0.0.1. The rule is
 * request-filtering-agent's (every range but public unicast is refused, with
 * the same ipaddr.js tables), so a URL accepted here is not refused later
 * for its literal. A DNS name (localhost included) is only checked as
 * resolved, by the agent, at each request.
 */
export function refusedAddressOf(url: URL): string | null {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(host)) return null;
  const address = ipaddr.process(host);
  const range = address.range();
  if (range === "unicast") return null;
  const written = address.toString();
  const shown = written === host ? host : `${host} (${written})`;
  if (METADATA_ADDRESSES.has(written)) return `${shown} is the cloud metadata address`;
  return `${shown} is ${RANGE_WORDS[range] ?? "a reserved address"}`;
}

/**
 * A URL the server may be sent to later (a webhook endpoint's, say), checked
 * now as far as it can be without DNS: its form (checkOutboundUrl), and its
 * host when that is a non-public IP literal (refusedAddressOf), unless the
 * `host:port` is allowed (URL_IMPORT_ALLOW_HOSTS by default). Throws
 * OutboundError "invalid_url" or "blocked".
 */
export function checkOutboundDestination(raw: string, allowHosts: ReadonlySet<string> = parseAllowHosts(process.env.URL_IMPORT_ALLOW_HOSTS)): URL {
  const url = checkOutboundUrl(raw);
  if (allowHosts.has(hostKey(url))) return url;
  const refused = refusedAddressOf(url);
  if (refused) {
    throw new OutboundError("blocked", `${refused}; Claimdesk only sends requests to public web addresses. Use the receiver's public address or host name.`, { host: url.hostname });
  }
  return url;
}

// One filtering agent per protocol, shared so connections can be reused.
const filteringAgents = { http: new RequestFilteringHttpAgent({ keepAlive: false }), https: new RequestFilteringHttpsAgent({ keepAlive: false }) };
const plainAgents = { http: new http.Agent({ keepAlive: false }), https: new https.Agent({ keepAlive: false }) };

function agentFor(url: URL, allowHosts: ReadonlySet<string>): http.Agent {
  const allowed = allowHosts.has(hostKey(url));
  const kind = url.protocol === "https:" ? "https" : "http";
  return allowed ? plainAgents[kind] : filteringAgents[kind];
}

function isBlockedAddressError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /is not allowed\. Because/i.test(message);
}

function mediaTypeOf(headers: IncomingHttpHeaders): string {
  const value = headers["content-type"];
  return (Array.isArray(value) ? value[0] : value ?? "").split(";")[0]!.trim().toLowerCase();
}

type Hop = { status: number; headers: IncomingHttpHeaders; body: Buffer; mediaType: string };

function requestOnce(
  url: URL,
  options: Required<Pick<OutboundRequest, "method" | "maxBytes">> & Pick<OutboundRequest, "headers" | "body" | "acceptContentType">,
  allowHosts: ReadonlySet<string>,
  signal: AbortSignal,
  followRedirect: boolean,
): Promise<Hop> {
  return new Promise<Hop>((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const body = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body);
    const request = client.request(
      url,
      {
        method: options.method,
        agent: agentFor(url, allowHosts),
        headers: {
          "user-agent": "Claimdesk (+fact-check desk)",
          "accept-encoding": "identity",
          ...options.headers,
          ...(body ? { "content-length": String(body.length) } : {}),
        },
        signal,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const headers = response.headers;
        const mediaType = mediaTypeOf(headers);
        const done = (buffer: Buffer) => resolve({ status, headers, body: buffer, mediaType });
        if (followRedirect && REDIRECT_STATUSES.has(status) && headers.location) {
          response.resume();
          return done(Buffer.alloc(0));
        }
        const ok = status >= 200 && status < 300;
        if (ok && options.acceptContentType && !options.acceptContentType(mediaType)) {
          response.destroy();
          return reject(new OutboundError("unsupported_type", `The address answered with ${mediaType || "no content type"}, not a web page.`, { host: url.hostname, mediaType }));
        }
        const declared = Number(headers["content-length"]);
        if (Number.isFinite(declared) && declared > options.maxBytes) {
          response.destroy();
          return reject(tooLarge(options.maxBytes));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            response.destroy();
            reject(tooLarge(options.maxBytes));
            return;
          }
          chunks.push(chunk);
        });
        response.on("end", () => done(Buffer.concat(chunks)));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

function tooLarge(maxBytes: number): OutboundError {
  return new OutboundError("too_large", `The page is larger than ${Math.round(maxBytes / (1024 * 1024))} MB.`);
}

/**
 * One guarded request. Resolves with any HTTP status (callers decide what a
 * 404 means to them); rejects only with OutboundError.
 */
export async function outboundRequest(request: OutboundRequest): Promise<OutboundResponse> {
  const method = request.method ?? "GET";
  const maxBytes = request.maxBytes ?? OUTBOUND_LIMITS.maxBytes;
  const timeoutMs = request.timeoutMs ?? OUTBOUND_LIMITS.timeoutMs;
  const maxRedirects = method === "GET" ? (request.maxRedirects ?? OUTBOUND_LIMITS.maxRedirects) : 0;
  const allowHosts = request.allowHosts ?? parseAllowHosts(process.env.URL_IMPORT_ALLOW_HOSTS);

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const redirects: string[] = [];
  let url = checkOutboundUrl(request.url);
  try {
    for (;;) {
      let hop: Hop;
      try {
        hop = await requestOnce(url, { method, maxBytes, headers: request.headers, body: request.body, acceptContentType: request.acceptContentType }, allowHosts, controller.signal, maxRedirects > 0);
      } catch (error) {
        throw toOutboundError(error, controller.signal, timeoutMs, url);
      }
      const location = hop.headers.location;
      if (maxRedirects > 0 && REDIRECT_STATUSES.has(hop.status) && location) {
        if (redirects.length >= maxRedirects) {
          throw new OutboundError("too_many_redirects", `The address redirected more than ${maxRedirects} times.`);
        }
        let next: URL;
        try {
          next = checkOutboundUrl(new URL(location, url).toString());
        } catch (error) {
          throw error instanceof OutboundError ? new OutboundError("invalid_url", `The address redirected to something that is not a web address (${String(location).slice(0, 200)}).`) : error;
        }
        redirects.push(next.toString());
        url = next;
        continue;
      }
      return { url: url.toString(), status: hop.status, headers: hop.headers, mediaType: hop.mediaType, body: hop.body, redirects };
    }
  } finally {
    clearTimeout(timer);
  }
}

function toOutboundError(error: unknown, signal: AbortSignal, timeoutMs: number, url: URL): OutboundError {
  if (error instanceof OutboundError) return error;
  const details = { host: url.hostname };
  if (signal.aborted) return new OutboundError("timeout", `The address did not answer within ${Math.round(timeoutMs / 1000)} s.`, details);
  if (isBlockedAddressError(error)) {
    return new OutboundError("blocked", `${url.hostname} is a private or reserved network address; Claimdesk only fetches public web addresses.`, details);
  }
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === "ENOTFOUND" || code === "EAI_AGAIN" ? "its name could not be found" : code === "ECONNREFUSED" ? "the connection was refused" : "the connection failed";
  return new OutboundError("unreachable", `Could not reach ${url.hostname}: ${reason}.`, details);
}
