import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "turso", // the libSQL driver: works for file: URLs and for a libSQL server or Turso
  schema: "./db/schema.ts",
  out: "./db/migrations",
  dbCredentials: {
    url: process.env.DATABASE_URL ?? "file:./data/claimdesk.db",
    authToken: process.env.DATABASE_AUTH_TOKEN,
  },
});
