import { trustedProxyHops } from "@/lib/client-address";
import { throttleRules } from "@/lib/login-throttle";
import { sessionLifetimeMs } from "@/lib/session-standing";

/**
 * The sign-in and session settings from the environment. instrumentation.ts
 * reads them at start, so a bad value stops the server with its message
 * instead of failing the first sign-in.
 */
export function authSettings(env: Record<string, string | undefined> = process.env) {
  return {
    /** TRUSTED_PROXY_HOPS: reverse proxies in front of the app (0: clients connect directly). */
    hops: trustedProxyHops(env.TRUSTED_PROXY_HOPS),
    rules: throttleRules(env),
    lifetimeMs: sessionLifetimeMs(env),
  };
}
