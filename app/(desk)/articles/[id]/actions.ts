"use server";

import { createClaim, deleteClaim, getArticleClaims, restoreClaim, saveClaim } from "@/db/queries/claims";
import {
  approveClaim,
  assignArticle,
  assignClaim,
  bulkApprove,
  bulkAssign,
  bulkReturn,
  returnClaim,
  submitForApproval,
} from "@/db/queries/workflow";
import { setArticleLanguage } from "@/db/queries/articles";
import { fetchNewVersionFromSource } from "@/db/queries/url-import";
import { acceptNewText, previewExternalRevision, reanchorClaim, saveExternalRevision, saveTextRevision } from "@/db/queries/revisions";
import { listTextEditors, stopTextEditing, touchTextEditing } from "@/db/queries/presence";
import { runAction } from "@/lib/action";
import { EDITOR_ROLES } from "@/lib/workflow";

// Thin wrappers: session and role checks in runAction, validation and rules in
// the domain layer (db/queries), which route handlers reuse.

export async function createClaimAction(input: unknown) {
  return runAction((user) => createClaim({ actor: user, input }));
}

export async function saveClaimAction(input: unknown) {
  return runAction((user) => saveClaim({ actor: user, input }));
}

export async function deleteClaimAction(input: unknown) {
  // Every role; deleting an approved claim is for editors (checkDelete in the domain layer).
  return runAction((user) => deleteClaim({ actor: user, input }));
}

export async function restoreClaimAction(input: unknown) {
  return runAction((user) => restoreClaim({ actor: user, input }), EDITOR_ROLES);
}

export async function listClaimsAction(input: unknown) {
  return runAction(() => getArticleClaims({ input }));
}

// ---- workflow and assignment (rules and role checks in db/queries/workflow.ts too)

export async function submitForApprovalAction(input: unknown) {
  return runAction((user) => submitForApproval({ actor: user, input }));
}

export async function approveClaimAction(input: unknown) {
  return runAction((user) => approveClaim({ actor: user, input }), EDITOR_ROLES);
}

export async function returnClaimAction(input: unknown) {
  return runAction((user) => returnClaim({ actor: user, input }), EDITOR_ROLES);
}

export async function assignClaimAction(input: unknown) {
  return runAction((user) => assignClaim({ actor: user, input }), EDITOR_ROLES);
}

export async function assignArticleAction(input: unknown) {
  return runAction((user) => assignArticle({ actor: user, input }), EDITOR_ROLES);
}

export async function setArticleLanguageAction(input: unknown) {
  return runAction((user) => setArticleLanguage({ actor: user, input }), EDITOR_ROLES);
}

export async function bulkApproveAction(input: unknown) {
  return runAction((user) => bulkApprove({ actor: user, input }), EDITOR_ROLES);
}

export async function bulkReturnAction(input: unknown) {
  return runAction((user) => bulkReturn({ actor: user, input }), EDITOR_ROLES);
}

export async function bulkAssignAction(input: unknown) {
  return runAction((user) => bulkAssign({ actor: user, input }), EDITOR_ROLES);
}

// ---- text revisions and the re-check queue (rules in db/queries/revisions.ts)

export async function saveTextRevisionAction(input: unknown) {
  return runAction((user) => saveTextRevision({ actor: user, input }), EDITOR_ROLES);
}

/** "Bring in a new version": what it would do (nothing written), then the save. */
export async function previewExternalRevisionAction(input: unknown) {
  return runAction((user) => previewExternalRevision({ actor: user, input }), EDITOR_ROLES);
}

export async function saveExternalRevisionAction(input: unknown) {
  return runAction((user) => saveExternalRevision({ actor: user, input }), EDITOR_ROLES);
}

/** Refresh from URL: the article's page fetched again, for the new-version dialog to preview and save. */
export async function fetchVersionFromUrlAction(articleId: unknown) {
  return runAction((user) => fetchNewVersionFromSource({ actor: user, articleId }), EDITOR_ROLES);
}

export async function acceptNewTextAction(input: unknown) {
  return runAction((user) => acceptNewText({ actor: user, input }));
}

export async function reanchorClaimAction(input: unknown) {
  return runAction((user) => reanchorClaim({ actor: user, input }));
}

// ---- who is editing the text (presence kept in the database: db/queries/presence.ts)

/** Edit text was pressed, or the editing tab's heartbeat: answers who else is editing. */
export async function touchTextEditingAction(input: unknown) {
  return runAction((user) => touchTextEditing({ actor: user, input }), EDITOR_ROLES);
}

export async function stopTextEditingAction(input: unknown) {
  return runAction((user) => stopTextEditing({ actor: user, input }), EDITOR_ROLES);
}

/** The article page's poll: who else is editing the text now (every role sees it). */
export async function textEditorsAction(input: unknown) {
  return runAction((user) => listTextEditors({ actor: user, input }));
}
