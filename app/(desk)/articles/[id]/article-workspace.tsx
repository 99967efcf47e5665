"use client";

import type { Editor, JSONContent } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { Highlighter } from "lucide-react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ClaimChooser } from "@/components/claims/claim-chooser";
import { ClaimForm } from "@/components/claims/claim-form";
import { ClaimList, type ClaimListItem } from "@/components/claims/claim-list";
import { ConflictDialog } from "@/components/claims/conflict-dialog";
import { ArticleEditor } from "@/components/editor/article-editor";
import type { ClaimHighlight } from "@/components/editor/claim-highlights";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { anchor, createTextModel, trimRange } from "@/lib/anchoring";
import { buildArticleText } from "@/lib/article-text";
import type { DraftEntry } from "@/lib/claim-drafts";
import type { ClaimDto, ClaimFields } from "@/lib/claims";
import { useVerdictScale } from "@/components/verdicts/verdict-scale-context";
import { getVerdict, type Role } from "@/lib/verdicts";
import { createClaimAction, deleteClaimAction, listClaimsAction, saveClaimAction } from "./actions";
import { useClaimAutosave } from "./use-claim-autosave";

type Props = {
  articleId: string;
  /** When the server rendered the page; seeing the same value twice means Back/Forward replayed it. */
  renderedAt: number;
  content: JSONContent;
  initialClaims: ClaimDto[];
  role: Role;
};

type Placement = { from: number; to: number; start: number } | null;

const NO_VERDICT_COLOR = "#f59e0b";

type SortedListItem = ClaimListItem & { start: number };

// One list item per store entry object: an entry the keystroke did not touch
// keeps its item, so the memoised list rows skip re-rendering. Without this,
// typing in a claim re-rendered all 2,000 rows of a large article on each key.
const listItems = new WeakMap<DraftEntry<Placement>, SortedListItem>();

function listItemOf(e: DraftEntry<Placement>): SortedListItem {
  let item = listItems.get(e);
  if (!item) {
    item = {
      id: e.server.id,
      quote: e.server.selectors.quote.exact,
      verdict: e.draft.verdict,
      status: e.draft.status,
      orphan: !e.placement,
      unsaved: e.status !== "saved",
      start: e.placement?.start ?? Number.MAX_SAFE_INTEGER,
    };
    listItems.set(e, item);
  }
  return item;
}

function MarkClaimButton({ editor, onMark, busy }: { editor: Editor | null; onMark: () => void; busy: boolean }) {
  // Re-renders only when "is there a selection" flips, not on every caret move.
  const hasSelection = useEditorState({ editor, selector: ({ editor: e }) => (e ? !e.state.selection.empty : false) });
  return (
    <Button onClick={onMark} disabled={busy} aria-keyshortcuts="Control+Alt+M" aria-describedby="article-help" title="Mark claim (Ctrl+Alt+M)">
      <Highlighter aria-hidden />
      {busy ? "Marking…" : "Mark claim"}
      {!hasSelection ? <span className="sr-only"> (select text first)</span> : null}
    </Button>
  );
}

/**
 * The article page's client side: wires the TipTap article, the claim list and
 * the claim form to the autosave store and the server actions.
 */
export function ArticleWorkspace({ articleId, renderedAt, content, initialClaims, role }: Props) {
  const articleText = useMemo(() => buildArticleText(content), [content]);
  const textModel = useMemo(() => createTextModel(articleText.text), [articleText]);
  // Where a claim sits in the document, from its stored selectors; computed once
  // per claim when it enters the store (saving never moves an anchor).
  const place = useCallback(
    (claim: ClaimDto): Placement => {
      const result = anchor(textModel, claim.selectors);
      return result.status === "anchored"
        ? { from: articleText.textToPos(result.range.start, "start"), to: articleText.textToPos(result.range.end, "end"), start: result.range.start }
        : null;
    },
    [articleText, textModel],
  );
  const { store, snapshot } = useClaimAutosave(initialClaims, saveClaimAction, place);
  const editorRef = useRef<Editor | null>(null);
  const scale = useVerdictScale();
  const scaleRef = useRef(scale);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [chooser, setChooser] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [marking, setMarking] = useState(false);

  const showVerdict = useCallback((entry: DraftEntry<Placement> | undefined, verdict: string | null) => {
    const p = entry?.placement;
    if (!entry || !p) return;
    editorRef.current?.commands.upsertClaimHighlight({
      id: entry.server.id,
      from: p.from,
      to: p.to,
      verdict,
      color: getVerdict(scaleRef.current, verdict)?.color ?? NO_VERDICT_COLOR,
    });
  }, []);

  const onReady = useCallback(
    (instance: Editor) => {
      editorRef.current = instance;
      setEditor(instance);
      const highlights: ClaimHighlight[] = [];
      for (const entry of store.getSnapshot().entries.values()) {
        const p = entry.placement;
        if (p) highlights.push({ id: entry.server.id, from: p.from, to: p.to, verdict: entry.draft.verdict, color: getVerdict(scaleRef.current, entry.draft.verdict)?.color ?? NO_VERDICT_COLOR });
      }
      instance.commands.setClaimHighlights(highlights);
      // A link such as /articles/{id}#claim-{claimId} (from the summary page) opens that claim.
      const linked = /^#claim-([0-9a-f-]{36})$/.exec(window.location.hash)?.[1];
      if (linked && store.get(linked)) setActiveId(linked);
    },
    [store],
  );

  const focusClaim = useCallback(
    (id: string) => {
      setActiveId(id);
      setChooser([]);
      const p = store.get(id)?.placement;
      const e = editorRef.current;
      if (!p || !e) return;
      e.chain().setTextSelection({ from: p.from, to: p.to }).run();
      e.view.dom.querySelector(`mark[data-claim-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: "center" });
      e.view.focus();
    },
    [store],
  );

  const openClaims = useCallback((ids: string[]) => {
    if (ids.length === 1) setActiveId(ids[0]!);
    else setChooser(ids);
  }, []);

  const markClaim = useCallback(async () => {
    const e = editorRef.current;
    if (!e || marking) return;
    const { from, to, empty } = e.state.selection;
    const range = empty ? null : trimRange(textModel, { start: articleText.posToText(from), end: articleText.posToText(to) });
    if (!range || range.end <= range.start) {
      setNotice("Select the words of the claim in the article first, then press “Mark claim”.");
      return;
    }
    setNotice(null);
    setMarking(true);
    try {
      const result = await createClaimAction({ articleId, start: range.start, end: range.end, exact: articleText.text.slice(range.start, range.end) });
      if (!result.ok) {
        setNotice(result.error.message);
        return;
      }
      store.add(result.data);
      showVerdict(store.get(result.data.id), result.data.verdict);
      setActiveId(result.data.id);
    } catch {
      setNotice("Could not reach the server, so the claim was not created. Check your connection and press “Mark claim” again.");
    } finally {
      setMarking(false);
    }
  }, [articleId, articleText, marking, showVerdict, store, textModel]);

  const changeDraft = useCallback(
    (id: string, patch: Partial<ClaimFields>) => {
      store.change(id, patch);
      if ("verdict" in patch) showVerdict(store.get(id), patch.verdict ?? null);
    },
    [showVerdict, store],
  );

  const deleteClaim = useCallback(
    async (id: string) => {
      try {
        const result = await deleteClaimAction({ claimId: id });
        if (!result.ok) {
          setNotice(result.error.message);
          return;
        }
        store.remove(id);
        editorRef.current?.commands.removeClaimHighlight(id);
        setActiveId(null);
      } catch {
        setNotice("Could not reach the server, so the claim was not deleted. Try again.");
      }
    },
    [store],
  );

  // Catch up with what was saved since the server rendered this page: when
  // Back/Forward replays a payload already shown once (the router caches it),
  // and whenever the tab becomes visible again.
  useEffect(() => {
    if (!editor) return;
    const refresh = async () => {
      try {
        const result = await listClaimsAction({ articleId });
        if (!result.ok) return;
        const { changed, removed } = store.sync(result.data);
        for (const id of changed) showVerdict(store.get(id), store.get(id)?.draft.verdict ?? null);
        for (const id of removed) editor.commands.removeClaimHighlight(id);
        if (removed.length) setActiveId((current) => (current && removed.includes(current) ? null : current));
      } catch {
        // Offline: the page keeps what it has; the next visibility change tries again.
      }
    };
    try {
      const shownKey = `claimdesk:rendered:${articleId}`;
      if (window.sessionStorage.getItem(shownKey) === String(renderedAt)) void refresh();
      window.sessionStorage.setItem(shownKey, String(renderedAt));
    } catch {
      void refresh(); // no session storage: always catch up
    }
    const onVisible = () => document.visibilityState === "visible" && void refresh();
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [articleId, editor, renderedAt, showVerdict, store]);

  const entries = snapshot.entries;
  const listItems = useMemo(() => [...entries.values()].map(listItemOf).sort((a, b) => a.start - b.start), [entries]);

  const active = activeId ? entries.get(activeId) : undefined;
  const conflicted = [...entries.values()].find((e) => e.status === "conflict" && e.conflict);

  return (
    <div className="mx-auto grid max-w-[1600px] gap-6 px-4 py-6 lg:grid-cols-[minmax(0,1fr)_26rem] xl:grid-cols-[18rem_minmax(0,1fr)_26rem]">
      <aside aria-labelledby="claims-heading" className="order-2 xl:order-1">
        <div className="rounded-lg border border-line bg-white p-3 shadow-sm xl:sticky xl:top-20 xl:max-h-[calc(100vh-6rem)] xl:overflow-y-auto">
          <div className="mb-2 flex items-center justify-between px-1">
            <h2 id="claims-heading" className="text-sm font-semibold">
              Claims <span className="font-normal text-muted">({listItems.length})</span>
            </h2>
            <span className="text-xs text-muted">{snapshot.unsaved ? `${snapshot.unsaved} unsaved` : "All changes saved"}</span>
          </div>
          <ClaimList items={listItems} activeId={activeId} onSelect={focusClaim} />
        </div>
      </aside>

      <section aria-label="Article text" className="order-1 min-w-0 xl:order-2">
        <div className="sticky top-14 z-20 -mx-1 mb-3 flex flex-wrap items-center gap-3 border-b border-line bg-canvas px-1 py-2">
          <MarkClaimButton editor={editor} onMark={markClaim} busy={marking} />
          <p id="article-help" className="text-xs text-muted">
            Select a claim with the mouse or Shift+arrow keys, then press Mark claim or Ctrl+Alt+M. Click a highlight, or put the caret in it and press
            Enter, to open it.
          </p>
        </div>
        {notice ? (
          <Alert className="mb-3" tone="info">
            {notice}
          </Alert>
        ) : null}
        <div className="rounded-lg border border-line bg-white px-6 py-8 shadow-sm sm:px-10">
          <ArticleEditor content={content} onReady={onReady} onMarkClaim={markClaim} onOpenClaims={openClaims} />
        </div>
        {activeId ? <style>{`mark.claim[data-claim-id="${CSS.escape(activeId)}"]{outline:2px solid var(--claim-color);outline-offset:1px}`}</style> : null}
      </section>

      <aside aria-label="Claim details" className="order-3">
        <div className="rounded-lg border border-line bg-white p-4 shadow-sm lg:sticky lg:top-20 lg:max-h-[calc(100vh-6rem)] lg:overflow-y-auto">
          {active ? (
            <ClaimForm
              key={active.server.id}
              claimId={active.server.id}
              quote={active.server.selectors.quote.exact}
              orphan={!active.placement}
              fields={active.draft}
              status={active.status}
              error={active.error}
              fieldErrors={active.fieldErrors}
              role={role}
              updatedLine={`Version ${active.server.version}${active.server.updatedByName ? ` · last saved by ${active.server.updatedByName}` : ""}`}
              onChange={(patch) => changeDraft(active.server.id, patch)}
              onRetry={() => store.retry(active.server.id)}
              onDelete={() => void deleteClaim(active.server.id)}
            />
          ) : (
            <div className="py-6 text-center text-sm text-muted">
              <p className="font-medium text-slate-700">No claim open</p>
              <p>Mark a claim in the article, or choose one from the list.</p>
            </div>
          )}
        </div>
      </aside>

      <ClaimChooser
        items={chooser.flatMap((id) => {
          const e = entries.get(id);
          return e ? [{ id, quote: e.server.selectors.quote.exact, verdict: e.draft.verdict }] : [];
        })}
        onChoose={(id) => {
          setChooser([]);
          setActiveId(id);
        }}
        onClose={() => setChooser([])}
      />
      {conflicted?.conflict ? (
        <ConflictDialog
          open
          quote={conflicted.server.selectors.quote.exact}
          mine={conflicted.draft}
          theirs={conflicted.conflict}
          theirsBy={conflicted.conflict.updatedByName ?? "Another user"}
          onKeepMine={() => store.keepMine(conflicted.server.id)}
          onTakeTheirs={() => {
            const theirs = conflicted.conflict?.verdict ?? null;
            store.takeTheirs(conflicted.server.id);
            showVerdict(store.get(conflicted.server.id), theirs);
          }}
        />
      ) : null}
    </div>
  );
}
