"use server";

import { addComment, deleteComment, editComment, listComments } from "@/db/queries/comments";
import { getClaimHistory } from "@/db/queries/history";
import { runAction } from "@/lib/action";

// The claim's Discussion and History tabs. Thin wrappers: session and role in
// runAction, validation and the rules (author only, live claim of this
// article) in db/queries. There is deliberately no action that changes or
// removes a history event.

export async function listCommentsAction(input: unknown) {
  return runAction((user) => listComments({ actor: user, input }));
}

export async function addCommentAction(input: unknown) {
  return runAction((user) => addComment({ actor: user, input }));
}

export async function editCommentAction(input: unknown) {
  return runAction((user) => editComment({ actor: user, input }));
}

export async function deleteCommentAction(input: unknown) {
  return runAction((user) => deleteComment({ actor: user, input }));
}

export async function claimHistoryAction(input: unknown) {
  return runAction((user) => getClaimHistory({ actor: user, input }));
}
