/**
 * Runs once when the server starts (never during `next build`): applies the
 * committed migrations, starts the webhook deliverer, then seeds an empty
 * database.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureAuthUrl, authSecret } = await import("./lib/config");
  ensureAuthUrl();
  authSecret(); // fail at start, not at first sign-in, when a production secret is missing
  // The sign-in throttle needs each request's socket address (lib/client-address.ts).
  const { installPeerAddressHeader } = await import("./lib/peer-address");
  installPeerAddressHeader();
  const { authSettings } = await import("./lib/auth-settings");
  authSettings(); // TRUSTED_PROXY_HOPS, SIGN_IN_*_SECONDS, SESSION_LIFETIME_SECONDS: refuse bad values at start
  const { runMigrations } = await import("./db/migrate");
  await runMigrations();
  // Webhook deliveries go out from here, on every instance, once the schema is in place.
  const { startWebhookDeliverer } = await import("./lib/webhooks/deliverer");
  startWebhookDeliverer();
  const { seedDatabase } = await import("./db/seed");
  const result = await seedDatabase();
  if (result.created === "demo") {
    console.log("Claimdesk: created demo accounts and the sample article:");
    for (const a of result.accounts) console.log(`  ${a.role.padEnd(8)} ${a.email}  password: ${a.password}`);
  } else if (result.created === "admin") {
    console.log(`Claimdesk: created the admin account ${result.accounts[0]?.email}.`);
  }
}
