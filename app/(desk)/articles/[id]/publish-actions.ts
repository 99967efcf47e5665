"use server";

import { PUBLISHER_ROLES, publishArticle, unpublishArticle } from "@/db/queries/publishing";
import { runAction } from "@/lib/action";

// Thin wrappers: the role is checked by runAction and again by the domain layer.

export async function publishArticleAction(input: unknown) {
  return runAction((user) => publishArticle({ actor: user, input }), PUBLISHER_ROLES);
}

export async function unpublishArticleAction(input: unknown) {
  return runAction((user) => unpublishArticle({ actor: user, input }), PUBLISHER_ROLES);
}
