import { z } from "@/lib/zod";

/** Shapes and input rules of a claim's discussion, shared by server and browser. */

export const MAX_COMMENT_LENGTH = 10_000;

export type CommentDto = {
  id: string;
  claimId: string;
  /** "return": an editor's reason for returning a verdict, shown as "Returned with reason". */
  kind: "comment" | "return";
  authorId: string | null;
  authorName: string;
  /** Null once deleted: the text stays only in the claim's history. */
  body: string | null;
  createdAt: string;
  updatedAt: string;
  edited: boolean;
  deletedAt: string | null;
  /** The signed-in user wrote it (and so may edit or delete it). */
  mine: boolean;
};

const claimRef = {
  articleId: z.uuid({ message: "Not a valid article id." }),
  claimId: z.uuid({ message: "Not a valid claim id." }),
};

export const commentBodySchema = z
  .string({ message: "Write a comment first." })
  .max(MAX_COMMENT_LENGTH, `Keep a comment under ${MAX_COMMENT_LENGTH.toLocaleString("en-GB")} characters.`)
  .refine((s) => s.trim().length > 0, "Write a comment first.")
  // Trailing blank lines and spaces are noise; inner line breaks are kept.
  .transform((s) => s.replace(/^\s*\n/, "").trimEnd());

export const listCommentsSchema = z.object(claimRef);
export const addCommentSchema = z.object({ ...claimRef, body: commentBodySchema });
export const editCommentSchema = z.object({ ...claimRef, commentId: z.uuid({ message: "Not a valid comment id." }), body: commentBodySchema });
export const deleteCommentSchema = z.object({ ...claimRef, commentId: z.uuid({ message: "Not a valid comment id." }) });

/** Comments that are still shown with their text (the tab label counts these). */
export function liveCommentCount(comments: readonly Pick<CommentDto, "deletedAt">[]): number {
  return comments.filter((c) => !c.deletedAt).length;
}
