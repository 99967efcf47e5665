"use client";

import type { Editor } from "@tiptap/react";
import { useEditorState } from "@tiptap/react";
import { useEffect, useRef, useState } from "react";
import { CheckedBefore } from "@/components/claims/checked-before";
import type { CheckedBeforeMatch } from "@/lib/matching/types";
import { checkedBeforeAction } from "./matching-actions";

/** How long the claim text must rest before the desk is asked again (typing in "Claim as checked"). */
const SETTLE_MS = 500;

/**
 * Loads "Checked before" for the open claim: its claim as checked, or its
 * quote while that is empty; again when the text changes. Only the newest
 * answer is shown (answers can arrive out of order).
 */
export function CheckedBeforePanel({
  claimId,
  text,
  busy = false,
  onUse,
}: {
  /** The open claim (left out of its own matches); none for a selection not marked yet. */
  claimId?: string;
  text: string;
  busy?: boolean;
  /** "Use this verdict"; without it (a selection, no claim yet) the matches are shown without the button. */
  onUse?: (fromClaimId: string) => void;
}) {
  const [matches, setMatches] = useState<CheckedBeforeMatch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  // An opened claim is looked up at once; a selection being made, and typing, wait for a pause.
  const first = useRef(claimId !== undefined);

  useEffect(() => {
    const n = ++seq.current;
    const ask = async () => {
      try {
        const result = await checkedBeforeAction({ text, claimId });
        if (n !== seq.current) return;
        if (result.ok) {
          setMatches(result.data);
          setError(null);
        } else setError(result.error.message);
      } catch {
        if (n === seq.current) setError("Could not look for earlier checks: the server did not answer. They are looked for again when the claim changes.");
      }
    };
    const timer = window.setTimeout(() => void ask(), first.current ? 0 : SETTLE_MS);
    first.current = false;
    return () => window.clearTimeout(timer);
  }, [claimId, text]);

  return <CheckedBefore matches={matches} error={error} busy={busy} onUse={onUse ? (m) => onUse(m.claimId) : undefined} />;
}

/** Fewer characters than this are not a claim to look up (a word or two being selected). */
const MIN_SELECTION = 12;
/** Selections longer than this (in document positions) are passages, not claims. */
const MAX_SELECTION = 2000;

/**
 * "Checked before" for the words selected in the article before they are
 * marked. It reads the editor's selection itself, so selecting re-renders
 * only this, not the workspace.
 */
export function SelectionCheckedBefore({ editor }: { editor: Editor | null }) {
  const text = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      if (!e || e.state.selection.empty) return "";
      const { from, to } = e.state.selection;
      // Longer than any claim (a whole passage selected): not read at all, so selecting stays cheap.
      if (to - from > MAX_SELECTION) return "";
      return e.state.doc.textBetween(from, to, " ").replace(/\s+/g, " ").trim();
    },
  });
  if (!text || text.length < MIN_SELECTION) return null;
  return <CheckedBeforePanel text={text} />;
}
