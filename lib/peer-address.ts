import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { PEER_ADDRESS_HEADER } from "@/lib/client-address";

/**
 * Stamps every HTTP request this process serves with the address of the
 * socket it arrived on (PEER_ADDRESS_HEADER), replacing any value the client
 * sent. Next.js hands route handlers headers only, so this is how the sign-in
 * throttle learns the socket address (see lib/client-address.ts).
 *
 * Node publishes `http.server.request.start` synchronously before the
 * server's 'request' event, so the header is in place before Next reads
 * anything. Called once from instrumentation.ts, which Next runs in the
 * server process before it serves the first request.
 */
const CHANNEL = "http.server.request.start";

type RequestStart = { request: IncomingMessage };

const state = globalThis as unknown as { claimdeskPeerAddress?: (message: unknown) => void };

function stamp(message: unknown): void {
  const { request } = message as RequestStart;
  request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "unknown";
}

export function installPeerAddressHeader(): void {
  if (state.claimdeskPeerAddress) return;
  // Kept on globalThis: a strong reference, and one subscription however often this is called.
  state.claimdeskPeerAddress = stamp;
  diagnostics.subscribe(CHANNEL, stamp);
}

/** For tests. */
export function uninstallPeerAddressHeader(): void {
  if (!state.claimdeskPeerAddress) return;
  diagnostics.unsubscribe(CHANNEL, state.claimdeskPeerAddress);
  state.claimdeskPeerAddress = undefined;
}
