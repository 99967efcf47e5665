import { describe, expect, it } from "vitest";
import { clientAddress, normalizeAddress, PEER_ADDRESS_HEADER, trustedProxyHops } from "./client-address";

const from = (peer: string, forwardedFor?: string) => ({ [PEER_ADDRESS_HEADER]: peer, ...(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor }) });

describe("clientAddress", () => {
  it("with no trusted proxy, is the socket address whatever X-Forwarded-For says", () => {
    expect(clientAddress(from("203.0.113.7"), 0)).toBe("203.0.113.7");
    for (const forged of ["1.1.1.1", "1.1.1.2", "10.0.0.1, 203.0.113.99", "garbage"]) {
      expect(clientAddress(from("203.0.113.7", forged), 0)).toBe("203.0.113.7");
    }
  });

  it("behind one proxy, is the entry that proxy appended; anything the client prepends is ignored", () => {
    // The proxy (socket peer 10.0.0.2) appends the address it received the request from.
    expect(clientAddress(from("10.0.0.2", "198.51.100.4"), 1)).toBe("198.51.100.4");
    for (const forged of ["1.1.1.1", "1.1.1.2, 9.9.9.9", "unknown"]) {
      expect(clientAddress(from("10.0.0.2", `${forged}, 198.51.100.4`), 1)).toBe("198.51.100.4");
    }
  });

  it("behind two proxies, counts two entries from the right", () => {
    expect(clientAddress(from("10.0.0.2", "6.6.6.6, 198.51.100.4, 10.0.0.1"), 2)).toBe("198.51.100.4");
  });

  it("a chain shorter than the configured hops gives its leftmost entry (the proxies must be the only way in)", () => {
    expect(clientAddress(from("203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientAddress(from("203.0.113.7", "5.5.5.5"), 3)).toBe("5.5.5.5");
  });

  it("reads Headers objects and arrays as well", () => {
    const headers = new Headers({ [PEER_ADDRESS_HEADER]: "10.0.0.2", "x-forwarded-for": "6.6.6.6, 198.51.100.4" });
    expect(clientAddress(headers, 1)).toBe("198.51.100.4");
    expect(clientAddress({ [PEER_ADDRESS_HEADER]: "10.0.0.2", "x-forwarded-for": ["6.6.6.6", "198.51.100.4"] }, 1)).toBe("198.51.100.4");
  });

  it("without the peer stamp, trusts only what the nearest proxy wrote", () => {
    expect(clientAddress({ "x-forwarded-for": "6.6.6.6, 198.51.100.4" }, 1)).toBe("198.51.100.4");
    expect(clientAddress({}, 0)).toBe("unknown");
  });
});

describe("normalizeAddress", () => {
  it("spells one client one way", () => {
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("203.0.113.7:51234")).toBe("203.0.113.7");
    expect(normalizeAddress("[2001:db8::1]:443")).toBe("2001:db8:0:0::/64");
    expect(normalizeAddress(" 198.51.100.4 ")).toBe("198.51.100.4");
  });

  it("keys IPv6 on the /64, so a new address per guess from one network is the same client", () => {
    expect(normalizeAddress("2001:db8:1:2:aaaa::1")).toBe(normalizeAddress("2001:DB8:1:2:ffff:ffff:ffff:ffff"));
    expect(normalizeAddress("2001:db8:1:2::1")).not.toBe(normalizeAddress("2001:db8:1:3::1"));
    expect(normalizeAddress("::1")).toBe("0:0:0:0::/64");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });

  it("keeps what is not an address, bounded", () => {
    expect(normalizeAddress("unknown")).toBe("unknown");
    expect(normalizeAddress("x".repeat(500))).toHaveLength(64);
  });
});

describe("trustedProxyHops", () => {
  it("defaults to 0 and accepts 0–10", () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops("")).toBe(0);
    expect(trustedProxyHops(" 2 ")).toBe(2);
  });
  it("refuses anything else with a message that says what it is", () => {
    for (const bad of ["-1", "one", "1.5", "11"]) expect(() => trustedProxyHops(bad)).toThrow(/TRUSTED_PROXY_HOPS must be a whole number/);
  });
});
