import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER } from "./client-address";
import { installPeerAddressHeader, uninstallPeerAddressHeader } from "./peer-address";

describe("installPeerAddressHeader", () => {
  const server = http.createServer((req, res) => res.end(JSON.stringify(req.headers)));
  afterAll(() => {
    uninstallPeerAddressHeader();
    server.close();
  });

  it("stamps each request with its socket address, replacing a value the client sent", async () => {
    installPeerAddressHeader();
    installPeerAddressHeader(); // idempotent
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_ADDRESS_HEADER]: "6.6.6.6", "x-forwarded-for": "7.7.7.7" } });
    const seen = (await response.json()) as Record<string, string>;
    expect(seen[PEER_ADDRESS_HEADER]).toBe("127.0.0.1");
    // X-Forwarded-For is left as it came: the proxies' chain is read from it.
    expect(seen["x-forwarded-for"]).toBe("7.7.7.7");
  });
});
