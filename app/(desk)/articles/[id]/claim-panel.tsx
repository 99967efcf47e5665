"use client";

import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { ClaimHistory } from "@/components/claims/claim-history";
import { CommentThread } from "@/components/claims/comment-thread";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { liveCommentCount, type CommentDto } from "@/lib/comments";
import type { HistoryEntry } from "@/lib/history";
import { addCommentAction, claimHistoryAction, deleteCommentAction, editCommentAction, listCommentsAction } from "./discussion-actions";

type Props = {
  articleId: string;
  claimId: string;
  /** The claim's version: a save or a status move changes it, and the open tab reloads. */
  version: number;
  /** The claim's quote, so Discussion and History say which claim they are about. */
  quote: string;
  /** The claim form (the "Details" tab). */
  details: ReactNode;
};

function ClaimQuote({ quote }: { quote: string }) {
  return (
    // dir="auto" reads the quote only: the label has its own direction.
    <p dir="auto" className="line-clamp-2 border-s-4 border-amber-400 bg-amber-50/60 px-2 py-1 font-serif text-sm text-slate-700" title={quote}>
      <span className="sr-only" dir="ltr">Claim: </span>“{quote}”
    </p>
  );
}

const OFFLINE = "Could not reach the server. Check your connection and try again.";

/**
 * The claim panel's tabs: Details (the autosaved form, kept mounted so nothing
 * typed is lost when switching), Discussion and History (loaded when opened
 * and again after the claim changes). Comments post immediately, apart from
 * the claim's autosave.
 */
export function ClaimPanel({ articleId, claimId, version, quote, details }: Props) {
  const [tab, setTab] = useState("details");
  const [comments, setComments] = useState<CommentDto[] | null>(null);
  const [commentsError, setCommentsError] = useState<string | null>(null);
  const [history, setHistory] = useState<HistoryEntry[] | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);
  // Only the newest request of each kind may set state (answers can arrive out of order).
  const seq = useRef({ comments: 0, history: 0 });

  const loadComments = useCallback(async () => {
    const n = ++seq.current.comments;
    try {
      const result = await listCommentsAction({ articleId, claimId });
      if (n !== seq.current.comments) return;
      if (result.ok) {
        setComments(result.data);
        setCommentsError(null);
      } else setCommentsError(result.error.message);
    } catch {
      if (n === seq.current.comments) setCommentsError("Could not load the discussion: the server did not answer. It loads again when you reopen this tab.");
    }
  }, [articleId, claimId]);

  const loadHistory = useCallback(async () => {
    const n = ++seq.current.history;
    try {
      const result = await claimHistoryAction({ articleId, claimId });
      if (n !== seq.current.history) return;
      if (result.ok) {
        setHistory(result.data);
        setHistoryError(null);
      } else setHistoryError(result.error.message);
    } catch {
      if (n === seq.current.history) setHistoryError("Could not load the history: the server did not answer. It loads again when you reopen this tab.");
    }
  }, [articleId, claimId]);

  // The thread is small: loaded with the panel (for the count in the tab
  // label), when its tab opens, after the claim changes (a save or a status
  // move bumps the version), and when the window comes back. History loads
  // when its tab opens and after the claim changes while it is open.
  const tabRef = useRef(tab);
  useEffect(() => {
    const refresh = async () => {
      await loadComments();
      if (tabRef.current === "history") await loadHistory();
    };
    void refresh();
    const onVisible = () => document.visibilityState === "visible" && void refresh();
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [version, loadComments, loadHistory]);

  const openTab = (value: string) => {
    tabRef.current = value;
    setTab(value);
    if (value === "discussion") void loadComments();
    if (value === "history") void loadHistory();
  };

  const replace = (comment: CommentDto) => setComments((list) => (list ? list.map((c) => (c.id === comment.id ? comment : c)) : [comment]));

  const onPost = async (body: string) => {
    try {
      const result = await addCommentAction({ articleId, claimId, body });
      if (!result.ok) return result.error.message;
      setComments((list) => [...(list ?? []), result.data]);
      // And whatever colleagues posted meanwhile.
      void loadComments();
      return null;
    } catch {
      return "Could not reach the server, so the comment was not posted. Your text is kept here: try again.";
    }
  };
  const onEdit = async (commentId: string, body: string) => {
    try {
      const result = await editCommentAction({ articleId, claimId, commentId, body });
      if (!result.ok) return result.error.message;
      replace(result.data);
      return null;
    } catch {
      return OFFLINE;
    }
  };
  const onDelete = async (commentId: string) => {
    try {
      const result = await deleteCommentAction({ articleId, claimId, commentId });
      if (!result.ok) return result.error.message;
      replace(result.data);
      return null;
    } catch {
      return OFFLINE;
    }
  };

  const count = comments ? liveCommentCount(comments) : null;
  return (
    <Tabs value={tab} onValueChange={openTab}>
      <TabsList aria-label="Claim">
        <TabsTrigger value="details">Details</TabsTrigger>
        <TabsTrigger value="discussion">
          Discussion
          {count !== null ? (
            <>
              <span aria-hidden className="rounded-full bg-slate-200 px-1.5 text-xs tabular-nums text-slate-700">
                {count}
              </span>
              <span className="sr-only"> ({count === 1 ? "1 comment" : `${count} comments`})</span>
            </>
          ) : null}
        </TabsTrigger>
        <TabsTrigger value="history">History</TabsTrigger>
      </TabsList>
      <TabsContent value="details" forceMount>
        {details}
      </TabsContent>
      <TabsContent value="discussion" className="grid gap-3">
        <ClaimQuote quote={quote} />
        <CommentThread comments={comments} loadError={commentsError} onPost={onPost} onEdit={onEdit} onDelete={onDelete} />
      </TabsContent>
      <TabsContent value="history" className="grid gap-3">
        <ClaimQuote quote={quote} />
        <ClaimHistory entries={history} loadError={historyError} articleId={articleId} />
      </TabsContent>
    </Tabs>
  );
}
