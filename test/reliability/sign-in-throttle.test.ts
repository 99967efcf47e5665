/**
 * Throttle bypass attempts against the built app (issue 8, item 4): a forged
 * X-Forwarded-For per attempt, or prepended to a proxy's, buys no extra
 * guesses; the per-account limit holds across addresses and across a
 * restart; spraying many accounts from one address is limited; the owner
 * gets back in after the wait (or at once, from a browser they signed in with before).
 *
 * Two servers: one with TRUSTED_PROXY_HOPS=0 (clients connect directly; the
 * address is the socket's, 127.0.0.1 for everything here), one with
 * TRUSTED_PROXY_HOPS=1, where the test plays the proxy: the rightmost
 * X-Forwarded-For entry is "the client", anything left of it is the
 * attacker's. Short waits (SIGN_IN_DELAY_SECONDS=5, SIGN_IN_MAX_DELAY_SECONDS=10)
 * keep it quick; the rules (5 free per account, 20 per address) are the real ones.
 *
 *   npx next build && npx vitest run --config vitest.reliability.config.mts test/reliability/sign-in-throttle.test.ts
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, HttpClient, killOnExit, startApp, type App } from "@/test/support/server";

const SHORT = { SIGN_IN_DELAY_SECONDS: "5", SIGN_IN_MAX_DELAY_SECONDS: "10" };
const WRONG = "not-the-password";

let direct: App;
let proxied: App;
killOnExit(
  () => direct?.server,
  () => proxied?.server,
);

beforeAll(async () => {
  [direct, proxied] = await Promise.all([startApp({ env: { ...SHORT, TRUSTED_PROXY_HOPS: "0" } }), startApp({ env: { ...SHORT, TRUSTED_PROXY_HOPS: "1" } })]);
});
afterAll(async () => {
  console.log(
    `[sign-in-throttle] ${timings.checked.length} attempts checked (median ${median(timings.checked).toFixed(0)} ms), ` +
      `${timings.throttled.length} refused by the throttle (median ${median(timings.throttled).toFixed(0)} ms), csrf + callback each`,
  );
  await Promise.all([direct?.close(), proxied?.close()]);
});

const unknownEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@nowhere.test`;
const randomAddress = () => `${1 + Math.floor(Math.random() * 222)}.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
let nextClient = 10;
/** An address of its own for the proxied server (one per call). */
const clientAddress = () => `198.51.100.${nextClient++}`;

/** Time of each attempt (csrf + callback), by answer: for docs/reliability.md. */
const timings = { checked: [] as number[], throttled: [] as number[] };

async function attempt(app: App, email: string, password: string, forwardedFor?: string) {
  const client = new HttpClient(app.url);
  const started = performance.now();
  const answer = await client.signInAttempt({ email, password }, forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor });
  (answer.error?.startsWith("SignInThrottled") ? timings.throttled : timings.checked).push(performance.now() - started);
  return answer;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const THROTTLED = /^SignInThrottled:\d+$/;

describe("TRUSTED_PROXY_HOPS=0: the socket address, whatever the client writes", () => {
  it("a new forged X-Forwarded-For per attempt gets no extra guesses at an account", async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await attempt(direct, DEMO.reviewer.email, WRONG, i % 2 ? randomAddress() : `${randomAddress()}, ${randomAddress()}`));
    expect(answers.map((a) => a.error)).toEqual(Array(5).fill("CredentialsSignin"));
    // The sixth guess is refused before the password is looked at: even the right one does not get in.
    const sixth = await attempt(direct, DEMO.reviewer.email, DEMO.reviewer.password, randomAddress());
    expect(sixth.ok).toBe(false);
    expect(sixth.error).toMatch(THROTTLED);
    expect(sixth.status).toBe(401);
  });

  it("spraying many accounts from one address is limited, whatever X-Forwarded-For says", async () => {
    // 5 failures from 127.0.0.1 above; 15 more reach the address's 20, over
    // as many emails (one a real account), each with its own forged header.
    const emails = [DEMO.admin.email, ...Array.from({ length: 14 }, (_, i) => unknownEmail(`spray${i}`))];
    for (const email of emails) expect((await attempt(direct, email, WRONG, randomAddress())).error).toBe("CredentialsSignin");
    const next = await attempt(direct, unknownEmail("spray-next"), WRONG, randomAddress());
    expect(next.error).toMatch(THROTTLED);
    // The real admin, from the same address, waits too (their own browser would not: see below).
    const right = await attempt(direct, DEMO.admin.email, DEMO.admin.password, randomAddress());
    expect(right.ok).toBe(false);
    expect(right.error).toMatch(THROTTLED);
  });
});

describe("TRUSTED_PROXY_HOPS=1: the address the proxy appended", () => {
  it("prepending forged addresses to the proxy's entry gets no extra guesses", async () => {
    const client = clientAddress();
    for (let i = 0; i < 5; i++) expect((await attempt(proxied, DEMO.editor.email, WRONG, `${randomAddress()}, ${client}`)).error).toBe("CredentialsSignin");
    const sixth = await attempt(proxied, DEMO.editor.email, DEMO.editor.password, `${randomAddress()}, ${randomAddress()}, ${client}`);
    expect(sixth.ok).toBe(false);
    expect(sixth.error).toMatch(THROTTLED);
  });

  it("spraying from one client behind the proxy is limited; another client is not affected", async () => {
    const client = clientAddress();
    for (let i = 0; i < 20; i++) expect((await attempt(proxied, unknownEmail(`p-spray${i}`), WRONG, `${randomAddress()}, ${client}`)).error).toBe("CredentialsSignin");
    expect((await attempt(proxied, unknownEmail("p-spray-next"), WRONG, `${randomAddress()}, ${client}`)).error).toMatch(THROTTLED);
    // From that client even a right password waits (its own browser would not: see the owner's test).
    const right = await attempt(proxied, DEMO.reviewer.email, DEMO.reviewer.password, `${randomAddress()}, ${client}`);
    expect(right.ok).toBe(false);
    expect(right.error).toMatch(THROTTLED);
    expect((await attempt(proxied, unknownEmail("p-other"), WRONG, clientAddress())).error).toBe("CredentialsSignin");
  });

  it("the per-account limit holds across two addresses, and says the same for an account and an unknown email", async () => {
    const [a, b] = [clientAddress(), clientAddress()];
    const nobody = unknownEmail("no-account");
    // Each email's sixth attempt straight after its fifth failure (the wait here is only 5 s).
    const sixth: Record<string, Awaited<ReturnType<typeof attempt>>> = {};
    for (const [email, password] of [[DEMO.admin.email, DEMO.admin.password], [nobody, WRONG]] as const) {
      for (let i = 0; i < 5; i++) expect((await attempt(proxied, email, WRONG, i < 3 ? a : b)).error).toBe("CredentialsSignin");
      sixth[email] = await attempt(proxied, email, password, clientAddress());
    }
    const [account, unknown] = [sixth[DEMO.admin.email]!, sixth[nobody]!];
    // Even the right password waits: the throttle answers before the password is checked.
    expect(account.error).toMatch(THROTTLED);
    expect({ status: unknown.status, error: unknown.error?.split(":")[0] }).toEqual({ status: account.status, error: account.error?.split(":")[0] });
  });

  it("the real owner signs in again after the wait, and at once from a browser they signed in with before", async () => {
    // The owner's own laptop signs in once (and keeps its device cookie), then signs out.
    const laptop = new HttpClient(proxied.url, { "x-forwarded-for": clientAddress() });
    expect(await laptop.signIn(DEMO.reviewer)).toBe(true);
    await laptop.signOut();
    // An attacker runs the account into its wait.
    const attacker = clientAddress();
    let refused;
    for (let i = 0; i < 7 && !refused?.error?.match(THROTTLED); i++) refused = await attempt(proxied, DEMO.reviewer.email, WRONG, attacker);
    expect(refused?.error).toMatch(THROTTLED);
    // The laptop is not locked out.
    expect((await laptop.signInAttempt(DEMO.reviewer)).ok).toBe(true);
    // A new browser of the owner waits the time it was told, then gets in.
    const seconds = Number(refused!.error!.split(":")[1]);
    const desktop = new HttpClient(proxied.url, { "x-forwarded-for": clientAddress() });
    expect((await desktop.signInAttempt(DEMO.reviewer)).error).toMatch(THROTTLED);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 200));
    expect((await desktop.signInAttempt(DEMO.reviewer)).ok).toBe(true);
  });

  it("counters survive a restart", async () => {
    const email = unknownEmail("restart");
    const client = clientAddress();
    for (let i = 0; i < 4; i++) expect((await attempt(proxied, email, WRONG, client)).error).toBe("CredentialsSignin");
    await proxied.stop();
    await proxied.restart();
    // One free guess left, not five: the four before the restart still count.
    expect((await attempt(proxied, email, WRONG, clientAddress())).error).toBe("CredentialsSignin");
    expect((await attempt(proxied, email, WRONG, clientAddress())).error).toMatch(THROTTLED);
  });
});
