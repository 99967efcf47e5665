import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "@/lib/zod";
import { getDb } from "@/db";
import { claimEvents, claims, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { describeHistory, userIdsIn, type HistoryEntry } from "@/lib/history";
import { parseInput } from "@/lib/validation";
import { getVerdictScale } from "./verdict-scale";

const historySchema = z.object({
  articleId: z.uuid({ message: "Not a valid article id." }),
  claimId: z.uuid({ message: "Not a valid claim id." }),
});

/**
 * A claim's timeline, oldest first, read-only: claim_events is append-only and
 * there is no function (and so no server action) that edits or deletes it.
 * A deleted claim keeps its history, so this does not require a live claim,
 * only one that belongs to the article.
 */
export async function getClaimHistory({ input }: { actor: SessionUser; input: unknown }): Promise<HistoryEntry[]> {
  const { articleId, claimId } = parseInput(historySchema, input, "claim");
  const db = await getDb();
  const [claim] = await db
    .select({ id: claims.id })
    .from(claims)
    .where(and(eq(claims.id, claimId), eq(claims.articleId, articleId)));
  if (!claim) throw new AppError("not_found:claim");
  const rows = await db
    .select({
      id: claimEvents.id,
      type: claimEvents.type,
      actorName: users.name,
      createdAt: claimEvents.createdAt,
      version: claimEvents.version,
      data: claimEvents.data,
    })
    .from(claimEvents)
    .leftJoin(users, eq(users.id, claimEvents.actorId))
    .where(and(eq(claimEvents.claimId, claimId), eq(claimEvents.articleId, articleId)))
    .orderBy(asc(claimEvents.id));
  const ids = userIdsIn(rows);
  const named = ids.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)) : [];
  const userNames = Object.fromEntries(named.map((u) => [u.id, u.name]));
  return describeHistory(rows, { scale: await getVerdictScale(), userNames });
}
