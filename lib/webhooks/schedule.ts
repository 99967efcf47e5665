/**
 * When a failed delivery is tried again. The default is the Standard
 * Webhooks / Svix schedule: at once, then after 5 s, 5 min, 30 min, 2 h,
 * 5 h, 10 h and 10 h; a delivery still failing after the last is marked
 * failed (an admin can "Retry now"). Each wait gets up to ±10 % jitter, so
 * deliveries that failed together (an endpoint that was down) do not all
 * come back in the same second.
 *
 * WEBHOOK_RETRY_SCHEDULE overrides it: comma-separated waits with a unit,
 * e.g. "200ms,1s,1s" (tests) or "1m,10m,1h".
 */

export const DEFAULT_RETRY_SCHEDULE = "5s,5m,30m,2h,5h,10h,10h";
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
export const JITTER = 0.1;

export function parseRetrySchedule(value: string | undefined): number[] {
  const text = value?.trim() || DEFAULT_RETRY_SCHEDULE;
  const waits = text.split(",").map((part) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(part);
    if (!match) throw new Error(`WEBHOOK_RETRY_SCHEDULE: "${part.trim()}" is not a wait such as 500ms, 5s, 5m, 2h or 1d.`);
    return Math.round(Number(match[1]) * UNITS[match[2]!]!);
  });
  if (waits.length > 20) throw new Error("WEBHOOK_RETRY_SCHEDULE: at most 20 retries.");
  return waits;
}

/**
 * After the `attempts`-th attempt failed: the wait before the next one, or
 * null when the schedule is used up and the delivery has failed.
 */
export function retryDelay(schedule: readonly number[], attempts: number, random: () => number = Math.random): number | null {
  const base = schedule[attempts - 1];
  if (base === undefined) return null;
  return Math.max(0, Math.round(base * (1 + JITTER * (2 * random() - 1))));
}
