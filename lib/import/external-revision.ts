/**
 * A new version of an article from outside (pasted, uploaded, later fetched
 * from its URL), in the import worker (./tasks.ts): parsed and sanitised
 * exactly as an import is (toArticleDocument: same allow-list, same limits),
 * then every claim is carried from the stored plain text to the new one
 * through a text diff (reanchorThroughTextDiff). The diff and the word count
 * are also work proportional to the article, so they run here too, off the
 * server's event loop.
 */
import { reanchorThroughTextDiff, type ClaimAnchorInput, type ClaimAnchorResult } from "@/lib/anchoring/reanchor";
import { countWordChanges, wordDiff } from "@/lib/anchoring/word-diff";
import type { ImportFormat } from "./format";
import { toArticleDocument } from "./index";

export type ExternalRevisionResult = {
  docJson: string;
  plainText: string;
  /** True when the new plain text is the stored one: nothing to re-anchor, nothing to save. */
  identical: boolean;
  results: ClaimAnchorResult[];
  /** Words (letters or digits runs) added and removed, as the word diff of the two texts counts them. */
  words: { added: number; removed: number };
};

export function prepareExternalRevision(task: { format: ImportFormat; body: string; oldText: string; claims: ClaimAnchorInput[] }): ExternalRevisionResult {
  const { doc, plainText } = toArticleDocument({ format: task.format, body: task.body });
  const docJson = JSON.stringify(doc);
  if (plainText === task.oldText) return { docJson, plainText, identical: true, results: [], words: { added: 0, removed: 0 } };
  const words = countWordChanges(wordDiff(task.oldText, plainText));
  const results = reanchorThroughTextDiff({ oldText: task.oldText, newText: plainText, claims: task.claims });
  return { docJson, plainText, identical: false, results, words };
}
