/**
 * A second deliverer in its own process, for the leasing test
 * (db/queries/webhooks.test.ts): its own connection to the database file,
 * leasing due webhook deliveries in small bites until none is left, as
 * another app instance would. Waits for "go" on IPC so both start together;
 * sends back every id it leased.
 *   tsx --conditions=react-server test/support/webhook-lease-worker.mts <database file> <owner>
 */
const [file, owner] = process.argv.slice(2);
if (!file || !owner || !process.send) {
  console.error("usage: fork webhook-lease-worker.mts <database file> <owner> (with an IPC channel)");
  process.exit(2);
}
process.env.DATABASE_URL = `file:${file}`;
const { leaseDueDeliveries } = await import("@/db/queries/webhooks");
const { getDb } = await import("@/db");
await getDb();
process.send({ ready: true });
await new Promise<void>((resolve) => process.once("message", () => resolve()));
const leased: string[] = [];
let empty = 0;
// Several empty polls in a row before stopping: the other process may hold the write lock for a moment.
while (empty < 5) {
  const rows = await leaseDueDeliveries({ owner, limit: 3, leaseMs: 600_000 });
  if (rows.length === 0) empty += 1;
  else empty = 0;
  leased.push(...rows.map((r) => r.id));
  await new Promise((resolve) => setImmediate(resolve));
}
process.send({ leased }, () => process.exit(0));
