import { sql } from "drizzle-orm";
import { getDb } from "@/db";

export const dynamic = "force-dynamic";

/** Liveness plus a database round trip; used by the test harness to know the server is up. */
export async function GET() {
  try {
    const db = await getDb();
    await db.run(sql`SELECT 1`);
    return Response.json({ ok: true });
  } catch (error) {
    console.error(error);
    return Response.json({ ok: false }, { status: 503 });
  }
}
