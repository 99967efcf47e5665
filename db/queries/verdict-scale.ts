import "server-only";
import { asc } from "drizzle-orm";
import { getDb } from "@/db";
import { verdictScale } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { VerdictScale } from "@/lib/verdicts";

/** The desk's verdict scale in display order. */
export async function getVerdictScale(): Promise<VerdictScale> {
  const db = await getDb();
  return db.select().from(verdictScale).orderBy(asc(verdictScale.position), asc(verdictScale.key));
}

/** Throws a readable error unless `key` is null or a verdict of the desk's scale. */
export async function assertVerdictInScale(key: string | null): Promise<void> {
  if (key === null) return;
  const scale = await getVerdictScale();
  if (!scale.some((v) => v.key === key)) {
    throw new AppError("bad_request:claim", "Choose a verdict from the desk's scale.", { verdict: "Choose a verdict from the desk's scale." });
  }
}
