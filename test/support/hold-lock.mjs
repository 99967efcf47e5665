// Another process holding the database's write lock, as a second instance, the
// sqlite3 CLI or a backup tool would: BEGIN IMMEDIATE plus a write, then it
// keeps the lock for <ms> and commits.
//   node test/support/hold-lock.mjs <database file> <ms>
// Prints "locked" once it holds the lock and "released" after the commit.
import { createClient } from "@libsql/client";

const [file, ms] = process.argv.slice(2);
if (!file || !ms) {
  console.error("usage: node test/support/hold-lock.mjs <database file> <ms>");
  process.exit(2);
}
const client = createClient({ url: `file:${file}`, timeout: 5000 });
const tx = await client.transaction("write");
await tx.execute("UPDATE users SET name = name");
console.log("locked");
await new Promise((resolve) => setTimeout(resolve, Number(ms)));
await tx.commit();
console.log("released");
client.close();
