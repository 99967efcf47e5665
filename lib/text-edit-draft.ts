import { z } from "@/lib/zod";
import type { KeyValueStorage } from "@/lib/claim-drafts";

/**
 * An editor's unsaved text edit, kept in the browser (localStorage) from the
 * first change until the server confirms the revision, as claim drafts are:
 * a reload, a closed tab or a failed request loses nothing. It holds the
 * ProseMirror steps since the base revision (what "Save text" sends), the
 * note, and the edited plain text, so a conflict can show the edit beside
 * the current text even when the steps no longer apply.
 */
export type TextEditDraft = {
  userId: string;
  articleId: string;
  baseRevision: number;
  steps: unknown[];
  note: string;
  /** The edited article's plain text when last stored. */
  text: string;
  savedAt: string;
};

const KEY_PREFIX = "claimdesk:text-edit:";
export const textEditKey = (articleId: string) => `${KEY_PREFIX}${articleId}`;

const draftSchema = z.object({
  v: z.literal(1),
  userId: z.string(),
  articleId: z.string(),
  baseRevision: z.number().int().positive(),
  steps: z.array(z.unknown()),
  note: z.string(),
  text: z.string(),
  savedAt: z.string(),
});

/** The stored edit of this user on this article, or null (none, another account's, or unreadable). */
export function loadTextEdit(storage: KeyValueStorage | null, articleId: string, userId: string): TextEditDraft | null {
  if (!storage) return null;
  let raw: string | null;
  try {
    raw = storage.getItem(textEditKey(articleId));
  } catch {
    return null;
  }
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  const result = draftSchema.safeParse(parsed);
  if (!result.success || result.data.articleId !== articleId || result.data.userId !== userId) return null;
  const { userId: owner, baseRevision, steps, note, text, savedAt } = result.data;
  return { userId: owner, articleId, baseRevision, steps, note, text, savedAt };
}

/** Keeps the edit; false when the browser refused (storage full or disabled), so the page can say the edit is not safe yet. */
export function storeTextEdit(storage: KeyValueStorage | null, draft: TextEditDraft): boolean {
  if (!storage) return false;
  try {
    storage.setItem(textEditKey(draft.articleId), JSON.stringify({ v: 1, ...draft }));
    return true;
  } catch {
    return false;
  }
}

export function clearTextEdit(storage: KeyValueStorage | null, articleId: string): void {
  try {
    storage?.removeItem(textEditKey(articleId));
  } catch {
    // Nothing to do: a storage that cannot be written holds nothing of ours either.
  }
}

/** The browser's localStorage, or null where it is unavailable (private modes, blocked cookies). */
export function browserStorage(): KeyValueStorage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}
