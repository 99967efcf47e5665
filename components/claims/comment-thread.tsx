"use client";

import { MessageSquareWarning, Pencil, Trash2 } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/dialog";
import { Textarea } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { MAX_COMMENT_LENGTH, type CommentDto } from "@/lib/comments";
import { cn } from "@/lib/utils";
import { Timestamp, useNow } from "./timestamp";

/** Each callback resolves to an error message to show, or null when it worked. */
type Props = {
  comments: CommentDto[] | null;
  loadError: string | null;
  onPost: (body: string) => Promise<string | null>;
  onEdit: (commentId: string, body: string) => Promise<string | null>;
  onDelete: (commentId: string) => Promise<string | null>;
};

const isSubmitKey = (e: React.KeyboardEvent) => e.key === "Enter" && (e.ctrlKey || e.metaKey);

function EditComment({ comment, onSave, onCancel }: { comment: CommentDto; onSave: (body: string) => Promise<string | null>; onCancel: () => void }) {
  const id = useId();
  const [text, setText] = useState(comment.body ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (busy) return;
    setBusy(true);
    setError(await onSave(text));
    setBusy(false);
  };
  return (
    <div className="mt-1 grid gap-2">
      <Label htmlFor={id} className="sr-only">
        Edit your comment
      </Label>
      <Textarea
        id={id}
        rows={3}
        autoFocus
        value={text}
        maxLength={MAX_COMMENT_LENGTH}
        aria-invalid={!!error}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (isSubmitKey(e)) {
            e.preventDefault();
            void save();
          } else if (e.key === "Escape") {
            e.preventDefault();
            onCancel();
          }
        }}
      />
      {error ? <Alert>{error}</Alert> : null}
      <div className="flex gap-2">
        <Button size="sm" onClick={() => void save()} disabled={busy}>
          {busy ? "Saving…" : "Save"}
        </Button>
        <Button size="sm" variant="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

function CommentItem({ comment, now, onEdit, onDelete }: { comment: CommentDto; now: number } & Pick<Props, "onEdit" | "onDelete">) {
  const headingId = useId();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const deleted = !!comment.deletedAt;
  const canChange = comment.mine && !deleted && comment.kind === "comment";
  const isReturn = comment.kind === "return";
  return (
    <li>
      <article
        aria-labelledby={headingId}
        className={cn(
          "rounded-md border px-3 py-2",
          deleted ? "border-dashed border-slate-300 bg-slate-50" : isReturn ? "border-amber-300 bg-amber-50" : "border-line bg-white",
        )}
      >
        <header className="flex flex-wrap items-baseline justify-between gap-x-2">
          <h3 id={headingId} className="text-sm font-semibold">
            <span className="sr-only">{deleted ? "Deleted comment" : isReturn ? "Returned with reason" : "Comment"} by </span>
            {comment.authorName}
          </h3>
          <Timestamp iso={comment.createdAt} now={now} />
        </header>
        {isReturn && !deleted ? (
          <p className="mt-1 inline-flex items-center gap-1 rounded-full bg-amber-200/70 px-2 py-0.5 text-xs font-medium text-amber-900">
            <MessageSquareWarning aria-hidden className="size-3.5" /> Returned with reason
          </p>
        ) : null}
        {deleted ? (
          <p className="mt-1 text-sm italic text-muted">Comment deleted</p>
        ) : editing ? (
          <EditComment
            comment={comment}
            onCancel={() => setEditing(false)}
            onSave={async (body) => {
              const failure = await onEdit(comment.id, body);
              if (!failure) setEditing(false);
              return failure;
            }}
          />
        ) : (
          <p className="mt-1 whitespace-pre-wrap break-words text-sm leading-relaxed text-slate-800">{comment.body}</p>
        )}
        {comment.edited && !editing ? (
          <p className="mt-1 text-xs text-muted">
            Edited <Timestamp iso={comment.updatedAt} now={now} />
          </p>
        ) : null}
        {canChange && !editing ? (
          <div className="mt-1 flex gap-1">
            <Button variant="ghost" size="sm" className="h-7 px-2" onClick={() => setEditing(true)} aria-label="Edit comment">
              <Pencil aria-hidden /> Edit
            </Button>
            <AlertDialog>
              <AlertDialogTrigger asChild>
                <Button variant="ghost" size="sm" className="h-7 px-2 text-red-700 hover:bg-red-50" aria-label="Delete comment">
                  <Trash2 aria-hidden /> Delete
                </Button>
              </AlertDialogTrigger>
              <AlertDialogContent>
                <AlertDialogTitle>Delete this comment?</AlertDialogTitle>
                <AlertDialogDescription>It is replaced by “Comment deleted” in the discussion. The claim’s history keeps its text.</AlertDialogDescription>
                <div className="flex justify-end gap-2">
                  <AlertDialogCancel asChild>
                    <Button variant="secondary">Cancel</Button>
                  </AlertDialogCancel>
                  <AlertDialogAction asChild>
                    <Button variant="destructive" onClick={async () => setError(await onDelete(comment.id))}>
                      Delete
                    </Button>
                  </AlertDialogAction>
                </div>
              </AlertDialogContent>
            </AlertDialog>
          </div>
        ) : null}
        {error ? <Alert className="mt-2">{error}</Alert> : null}
      </article>
    </li>
  );
}

/** A claim's discussion: the thread (oldest first) and a field to post a comment. */
export function CommentThread({ comments, loadError, onPost, onEdit, onDelete }: Props) {
  const fieldId = useId();
  const now = useNow();
  const [text, setText] = useState("");
  const [posting, setPosting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const post = async () => {
    if (posting) return;
    if (!text.trim()) {
      setError("Write a comment first.");
      return;
    }
    setPosting(true);
    setError(null);
    const failure = await onPost(text);
    setPosting(false);
    // On failure the typed text stays where it is.
    if (failure) setError(failure);
    else setText("");
  };

  return (
    <div className="grid gap-4">
      {loadError ? <Alert>{loadError}</Alert> : null}
      {comments === null && !loadError ? (
        <p role="status" className="text-sm text-muted">
          Loading the discussion…
        </p>
      ) : null}
      {comments?.length === 0 ? <p className="text-sm text-muted">No comments yet. Ask a question or leave a note for the desk.</p> : null}
      {comments && comments.length > 0 ? (
        <ol aria-label="Comments" className="grid gap-2">
          {comments.map((c) => (
            <CommentItem key={c.id} comment={c} now={now} onEdit={onEdit} onDelete={onDelete} />
          ))}
        </ol>
      ) : null}

      <form
        className="grid gap-2 border-t border-line pt-3"
        aria-label="New comment"
        onSubmit={(e) => {
          e.preventDefault();
          void post();
        }}
      >
        <Label htmlFor={fieldId}>Comment</Label>
        <Textarea
          id={fieldId}
          rows={3}
          value={text}
          maxLength={MAX_COMMENT_LENGTH}
          aria-invalid={!!error}
          aria-describedby={`${fieldId}-hint`}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (isSubmitKey(e)) {
              e.preventDefault();
              void post();
            }
          }}
        />
        <p id={`${fieldId}-hint`} className="text-xs text-muted">
          Visible to everyone on the desk. Ctrl+Enter (⌘+Enter on a Mac) posts.
        </p>
        {error ? <Alert>{error}</Alert> : null}
        <div>
          <Button type="submit" size="sm" disabled={posting}>
            {posting ? "Posting…" : "Post comment"}
          </Button>
        </div>
      </form>
    </div>
  );
}
