/**
 * Applies an editor's text edit (ProseMirror steps) to the stored article and
 * re-anchors its claims, in the import worker (./tasks.ts): the steps come
 * from a browser, so applying them is bounded like any untrusted document.
 * The result must stay inside the import allow-list: the article schema
 * (lib/article-schema.ts), heading levels 2–4 and safe links only.
 */
import { getArticleSchema, isAllowedHref } from "@/lib/article-schema";
import { reanchorThroughSteps, ReanchorError, type ClaimAnchorInput, type ClaimAnchorResult } from "@/lib/anchoring/reanchor";
import { countWordChanges, wordDiff } from "@/lib/anchoring/word-diff";
import { docPlainText, type DocNode } from "@/lib/article-text";
import { AppError } from "@/lib/errors";
import { MAX_ARTICLE_BYTES } from "./format";

export type TextRevisionResult = {
  docJson: string;
  plainText: string;
  results: ClaimAnchorResult[];
  /** Words added and removed against the stored text, for the Revisions list (the diff is work proportional to the article, so it is done here, in the worker). */
  words: { added: number; removed: number };
};

const KEPT = "Your edit is kept in this browser.";

export function applyTextSteps({ docJson, steps, claims }: { docJson: string; steps: unknown[]; claims: ClaimAnchorInput[] }): TextRevisionResult {
  let newDoc: DocNode;
  let results: ClaimAnchorResult[];
  const oldDoc = JSON.parse(docJson) as DocNode;
  try {
    ({ newDoc, results } = reanchorThroughSteps({ oldDoc, steps, claims }));
  } catch (error) {
    if (error instanceof ReanchorError) {
      throw new AppError("bad_request:article", `These edits do not apply to the article text as it is stored, so nothing was saved. ${KEPT} Reload the page and make the edit again.`);
    }
    throw error;
  }
  let node;
  try {
    node = getArticleSchema().nodeFromJSON(newDoc);
    node.check();
  } catch {
    throw new AppError("bad_request:article", `The edited text contains something an article cannot hold, so nothing was saved. ${KEPT}`);
  }
  let refusal: string | null = null;
  node.descendants((n) => {
    if (refusal) return false;
    if (n.type.name === "heading" && ![2, 3, 4].includes(Number(n.attrs.level))) refusal = "Headings can only be of levels 2 to 4.";
    for (const mark of n.marks) {
      if (mark.type.name === "link" && !isAllowedHref(String(mark.attrs.href ?? ""))) refusal = "Links must be absolute http, https or mailto addresses.";
    }
    return true;
  });
  if (refusal) throw new AppError("bad_request:article", `${refusal} Nothing was saved. ${KEPT}`);
  const json = JSON.stringify(newDoc);
  if (json.length > MAX_ARTICLE_BYTES * 4) throw new AppError("too_large:article", `The edited article is larger than an article may be. Nothing was saved. ${KEPT}`);
  const plainText = docPlainText(newDoc);
  if (plainText.trim() === "") throw new AppError("bad_request:article", `The edited article has no text left. Nothing was saved. ${KEPT}`);
  return { docJson: json, plainText, results, words: countWordChanges(wordDiff(docPlainText(oldDoc), plainText)) };
}
