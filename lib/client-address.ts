import { isIPv4, isIPv6 } from "node:net";

/**
 * Where a request came from, for the sign-in throttle.
 *
 * Next.js 16 gives a route handler no socket address: its request adapter
 * copies headers only (`ip` was removed), and its server sets
 * `X-Forwarded-For` to the socket address only when the client sent none
 * (`req.headers['x-forwarded-for'] ??= socket.remoteAddress` in
 * base-server.js), so a client that writes the header replaces its own
 * address. lib/peer-address.ts therefore stamps every request, before Next
 * sees it, with the socket address in PEER_ADDRESS_HEADER, overwriting
 * whatever the client put there.
 *
 * The address chain is then read from the right, the way proxies build it:
 * the socket peer first, then `X-Forwarded-For` from its last entry back.
 * With TRUSTED_PROXY_HOPS = 0 (no proxy) the client is the socket peer; with
 * N trusted proxies in front, each appending the address it received the
 * request from, the client is the entry N steps back. Entries further left
 * were written by the client and are never used. A chain shorter than
 * expected (a request that bypassed the proxy) gives its leftmost entry.
 */
export const PEER_ADDRESS_HEADER = "x-claimdesk-peer-address";

export const MAX_TRUSTED_PROXY_HOPS = 10;

/** TRUSTED_PROXY_HOPS: a whole number 0–10; anything else is a configuration error. */
export function trustedProxyHops(value: string | undefined): number {
  const text = value?.trim() ?? "";
  if (text === "") return 0;
  if (!/^\d+$/.test(text) || Number(text) > MAX_TRUSTED_PROXY_HOPS) {
    throw new Error(`TRUSTED_PROXY_HOPS must be a whole number from 0 to ${MAX_TRUSTED_PROXY_HOPS} (the number of reverse proxies in front of Claimdesk); got "${value}".`);
  }
  return Number(text);
}

type HeaderBag = Record<string, unknown> | Headers | undefined;

function header(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  const value = headers instanceof Headers ? headers.get(name) : headers[name];
  if (Array.isArray(value)) return value.join(",");
  return typeof value === "string" ? value : undefined;
}

/** The client's address as the throttle keys it (see normalizeAddress), or "unknown". */
export function clientAddress(headers: HeaderBag, hops: number): string {
  const peer = header(headers, PEER_ADDRESS_HEADER)?.trim();
  const forwarded = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // Nearest first: the socket peer, then the proxies' entries from the right.
  const chain = [...(peer ? [peer] : []), ...forwarded.reverse()];
  if (!peer) {
    // Without the stamp (lib/peer-address.ts not installed) the nearest entry
    // is Next's own `??=` value, or the client's when it sent one; never trust more.
    warnOnce();
  }
  // Without the stamp the chain starts at the last proxy's entry, one step closer to the client.
  const steps = peer ? hops : Math.max(0, hops - 1);
  const picked = chain[Math.min(steps, chain.length - 1)];
  return picked ? normalizeAddress(picked) : "unknown";
}

let warned = false;
function warnOnce() {
  if (warned) return;
  warned = true;
  console.warn(`Claimdesk: requests carry no ${PEER_ADDRESS_HEADER} header; the sign-in throttle cannot see socket addresses (lib/peer-address.ts runs from instrumentation.ts).`);
}

/**
 * One spelling per client: IPv4-mapped IPv6 as IPv4, ports and brackets
 * dropped, and IPv6 cut to its /64 (one customer's network: an attacker with
 * a /64 must not get a fresh address per guess). Anything that is not an IP
 * address is kept as it came, cut to 64 characters.
 */
export function normalizeAddress(raw: string): string {
  let a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  a = a.replace(/%.*$/, ""); // zone index (fe80::1%eth0)
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  if (mapped) a = mapped[1]!;
  if (isIPv4(a)) return a;
  if (isIPv6(a)) return `${ipv6Groups(a).slice(0, 4).join(":")}::/64`;
  return a.slice(0, 64);
}

function ipv6Groups(address: string): string[] {
  let text = address.toLowerCase();
  // A trailing dotted quad (::1.2.3.4) is two groups.
  const quad = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (quad) {
    const [b1, b2, b3, b4] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((b1 << 8) | b2).toString(16)}:${((b3 << 8) | b4).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...fill, ...right].map((g) => (parseInt(g, 16) || 0).toString(16));
}
