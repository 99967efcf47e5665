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
import { claimdeskVersionDocument } from "./claimdesk-json";
import type { VersionFormat } from "./format";
import { toArticleDocument } from "./index";

export type ExternalRevisionResult = {
  docJson: string;
  plainText: string;
  /** True when the new plain text is the stored one: nothing to re-anchor, nothing to save. */
  identical: boolean;
  results: ClaimAnchorResult[];
  /** Words (letters or digits runs) added and removed, as the word diff of the two texts counts them. */
  words: { added: number; removed: number };
  /** A Claimdesk JSON: how many claims the file held, none of them brought in. */
  fileClaims?: number;
};

export function prepareExternalRevision(task: { format: VersionFormat; body: string; oldText: string; claims: ClaimAnchorInput[] }): ExternalRevisionResult {
  // A Claimdesk JSON gives its article document (through the same allow-list); its claims stay out.
  const { doc, plainText, fileClaims } =
    task.format === "claimdesk-json"
      ? (({ claims, ...rest }) => ({ ...rest, fileClaims: claims }))(claimdeskVersionDocument(task.body))
      : { ...toArticleDocument({ format: task.format, body: task.body }), fileClaims: undefined };
  const docJson = JSON.stringify(doc);
  const extra = fileClaims === undefined ? {} : { fileClaims };
  if (plainText === task.oldText) return { docJson, plainText, identical: true, results: [], words: { added: 0, removed: 0 }, ...extra };
  const words = countWordChanges(wordDiff(task.oldText, plainText));
  const results = reanchorThroughTextDiff({ oldText: task.oldText, newText: plainText, claims: task.claims });
  return { docJson, plainText, identical: false, results, words, ...extra };
}
