/**
 * Text-editing presence, the parts the browser and the server share
 * (db/queries/presence.ts keeps the rows). Framework-free.
 */

/** How long a presence lasts without a heartbeat. */
export const PRESENCE_TTL_SECONDS = 60;
/** How often an editing tab renews its presence: three chances before it expires. */
export const PRESENCE_HEARTBEAT_MS = 20_000;
/** How often an open article page asks who is editing (one indexed read). */
export const PRESENCE_POLL_MS = 10_000;

export type TextEditor = { userId: string; name: string; since: string };

/** "14:02" in the reader's time zone. */
export function clockTime(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone });
}

function names(list: string[]): string {
  if (list.length <= 1) return list.join("");
  return `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}

/**
 * The status line others see: "Ana Editor is editing the text (since 14:02)",
 * or for several people "Ana Editor and Bo Editor are editing the text (since
 * 14:02)" (since the first began). Empty when nobody is.
 */
export function presenceLine(editors: readonly TextEditor[], timeZone?: string): string {
  if (editors.length === 0) return "";
  const first = editors.reduce((a, b) => (b.since < a.since ? b : a));
  const since = clockTime(first.since, timeZone);
  const who = names(editors.map((e) => e.name));
  return `${who} ${editors.length === 1 ? "is" : "are"} editing the text${since ? ` (since ${since})` : ""}`;
}
