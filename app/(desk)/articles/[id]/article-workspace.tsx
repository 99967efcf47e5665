"use client";

import type { Editor, JSONContent } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { Highlighter, ListChecks, MoreHorizontal } from "lucide-react";
import type { Transaction } from "@tiptap/pm/state";
import { Step } from "@tiptap/pm/transform";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { BulkActions } from "@/components/claims/bulk-actions";
import { ClaimChooser } from "@/components/claims/claim-chooser";
import { ClaimForm } from "@/components/claims/claim-form";
import { ClaimList, type ClaimListItem } from "@/components/claims/claim-list";
import { ClaimWorkflow, type WorkflowNotice } from "@/components/claims/claim-workflow";
import { ConflictDialog } from "@/components/claims/conflict-dialog";
import { StaleDraftNotice } from "@/components/claims/stale-draft-notice";
import { DeleteClaim } from "@/components/claims/delete-claim";
import { DeletedClaims } from "@/components/claims/deleted-claims";
import { RecheckList, type RecheckItem } from "@/components/claims/recheck-list";
import { TextConflictDialog, TextEditBar, TextEditorsStatus, type TextConflict } from "@/components/editor/text-editing";
import { NewVersionButton, NewVersionDialog, type FetchedVersion, type NewVersionInput, type NewVersionPreview } from "@/components/editor/new-version-dialog";
import { ArticleEditor } from "@/components/editor/article-editor";
import { claimIdsAt, type ClaimHighlight } from "@/components/editor/claim-highlights";
import { KeyboardShortcuts } from "@/components/editor/keyboard-shortcuts";
import { useReportSummaryClaims } from "@/components/summary/live-summary";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { useMediaQuery, WIDE_WORKSPACE } from "@/components/ui/use-media-query";
import { Alert } from "@/components/ui/card";
import { anchor, createTextModel, trimRange } from "@/lib/anchoring";
import { buildArticleText } from "@/lib/article-text";
import { isUnsaved, type DraftEntry } from "@/lib/claim-drafts";
import { claimIdFromFragment } from "@/lib/claim-fragment";
import type { ClaimDto, ClaimFields } from "@/lib/claims";
import { useVerdictScale } from "@/components/verdicts/verdict-scale-context";
import type { ActionResult } from "@/lib/errors";
import { getVerdict, type Role } from "@/lib/verdicts";
import { isEditorRole, type Assignable, type DeletedClaimDto } from "@/lib/workflow";
import { documentNonce } from "@/lib/document-nonce";
import {
  acceptNewTextAction,
  fetchVersionFromUrlAction,
  approveClaimAction,
  assignClaimAction,
  bulkApproveAction,
  bulkAssignAction,
  bulkReturnAction,
  createClaimAction,
  deleteClaimAction,
  listClaimsAction,
  previewExternalRevisionAction,
  reanchorClaimAction,
  restoreClaimAction,
  returnClaimAction,
  saveClaimAction,
  saveExternalRevisionAction,
  saveTextRevisionAction,
  stopTextEditingAction,
  submitForApprovalAction,
  textEditorsAction,
  touchTextEditingAction,
} from "./actions";
import { CheckedBeforePanel, SelectionCheckedBefore } from "./checked-before-panel";
import { adoptVerdictAction } from "./matching-actions";
import { ClaimPanel } from "./claim-panel";
import { ClaimDetailsColumn, ClaimListColumn } from "./workspace-columns";
import { claimHistoryAction } from "./discussion-actions";
import { useClaimAutosave } from "./use-claim-autosave";
import { isTypingTarget } from "@/lib/keyboard";
import { browserStorage, clearTextEdit, loadTextEdit, storeTextEdit } from "@/lib/text-edit-draft";
import { PRESENCE_HEARTBEAT_MS, PRESENCE_POLL_MS, type TextEditor } from "@/lib/presence";

type Props = {
  articleId: string;
  /** When the server rendered the page; seeing the same value twice means Back/Forward replayed it. */
  renderedAt: number;
  content: JSONContent;
  /** The article revision `content` is (the base of a text edit). */
  revision: number;
  initialClaims: ClaimDto[];
  /** The article's deleted claims (editors and admins; empty for reviewers). */
  initialDeleted: DeletedClaimDto[];
  role: Role;
  userId: string;
  /** Active reviewers and editors (for editors' assignment controls). */
  assignees: Assignable[];
  /** A claim to open first (from `?claim=<id>`, e.g. a link in "My queue"). */
  initialClaimId?: string | null;
  /** The article's language (BCP 47), for the text's `lang`. */
  language?: string;
  /** Where the article was published, for Refresh from URL. */
  sourceUrl?: string | null;
};

type Moved = ActionResult<{ status: "done"; claim: ClaimDto } | { status: "conflict"; current: ClaimDto }>;

type Placement = { from: number; to: number; start: number } | null;

const NO_VERDICT_COLOR = "#f59e0b";
/** How often, at most, an unsaved text edit is written to localStorage while typing. */
const KEEP_TEXT_EDIT_MS = 400;

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
      status: e.server.status,
      orphan: !e.placement,
      unsaved: isUnsaved(e),
      start: e.placement?.start ?? Number.MAX_SAFE_INTEGER,
    };
    listItems.set(e, item);
  }
  return item;
}

/** What stays in this browser, as shown beside each field: the rest of the claim saves meanwhile. */
function notSavedMessages(fieldErrors: Record<string, string> | undefined) {
  return fieldErrors && Object.fromEntries(Object.entries(fieldErrors).map(([path, reason]) => [path, `Not saved: ${reason}`]));
}

function MarkClaimButton({ editor, onMark, busy, disabled = false }: { editor: Editor | null; onMark: () => void; busy: boolean; disabled?: boolean }) {
  // Re-renders only when "is there a selection" flips, not on every caret move.
  const hasSelection = useEditorState({ editor, selector: ({ editor: e }) => (e ? !e.state.selection.empty : false) });
  return (
    <Button onClick={onMark} disabled={busy || disabled} aria-keyshortcuts="Control+Alt+M" aria-describedby="article-help" title="Mark claim (Ctrl+Alt+M)">
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
/** The edited document's text, as the article's plain text is derived (lib/article-text.ts). */
const textOf = (e: Editor) => e.state.doc.textBetween(0, e.state.doc.content.size, "\n\n", "\n");

/** A version from outside prepared on a revision someone else has replaced meanwhile. */
const versionConflict = (current: { number: number; authorName: string | null }) =>
  `Revision ${current.number} was saved${current.authorName ? ` by ${current.authorName}` : ""} while you were preparing this version, so nothing was saved. Your text is still here: copy it, reload the page to see the current text, and bring the version in again if it should still replace it.`;

/** Set before the page reloads the new revision, shown once by the next workspace. */
const savedNoticeKey = (articleId: string) => `claimdesk:text-saved:${articleId}`;

export function ArticleWorkspace({ articleId, renderedAt, content, revision, initialClaims, initialDeleted, role, userId, assignees, initialClaimId, language, sourceUrl = null }: Props) {
  const articleText = useMemo(() => buildArticleText(content), [content]);
  const textModel = useMemo(() => createTextModel(articleText.text), [articleText]);
  // Where a claim sits in the document, from its stored selectors; computed once
  // per claim when it enters the store (saving never moves an anchor).
  const place = useCallback(
    (claim: ClaimDto): Placement => {
      // Orphaned: its words are gone. Its old quote must not be searched for elsewhere in the text.
      if (claim.anchorState === "orphaned") return null;
      const result = anchor(textModel, claim.selectors);
      return result.status === "anchored"
        ? { from: articleText.textToPos(result.range.start, "start"), to: articleText.textToPos(result.range.end, "end"), start: result.range.start }
        : null;
    },
    [articleText, textModel],
  );
  const { store, snapshot } = useClaimAutosave(initialClaims, saveClaimAction, place, userId);
  const editorRef = useRef<Editor | null>(null);
  const scale = useVerdictScale();
  const scaleRef = useRef(scale);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [chooser, setChooser] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(() => {
    try {
      return window.sessionStorage.getItem(savedNoticeKey(articleId));
    } catch {
      return null;
    }
  });
  const [marking, setMarking] = useState(false);
  const [moving, setMoving] = useState(false);
  const [workflowNotice, setWorkflowNotice] = useState<{ id: string; notice: WorkflowNotice } | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [bulkResult, setBulkResult] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<DeletedClaimDto[]>(initialDeleted);
  const editor_ = isEditorRole(role);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  // Set when the claim being opened should take the focus into its form once rendered.
  const focusFormOf = useRef<string | null>(null);
  // Below `lg` the claim list and the claim panel open as sheets over the article instead of columns beside it.
  const wide = useMediaQuery(WIDE_WORKSPACE);
  const [listOpen, setListOpen] = useState(false);
  const toolbarRef = useRef<HTMLDivElement | null>(null);
  // The claim the sheet shows: a claim opened on a narrow screen. A window narrowed with a claim open
  // keeps it open without throwing a sheet over whatever dialog is up; its highlight or the list opens it.
  const [sheetFor, setSheetFor] = useState<string | null>(null);
  const [seenActive, setSeenActive] = useState<string | null>(null);
  if (seenActive !== activeId) {
    setSeenActive(activeId);
    if (!wide) setSheetFor(activeId);
  }
  if (wide && sheetFor !== null) setSheetFor(null);
  const sheetShown = !wide && activeId !== null && sheetFor === activeId;

  const showVerdict = useCallback((entry: DraftEntry<Placement> | undefined, verdict: string | null) => {
    const p = entry?.placement;
    if (!entry || !p) return;
    editorRef.current?.commands.upsertClaimHighlight({
      id: entry.server.id,
      from: p.from,
      to: p.to,
      verdict,
      color: getVerdict(scaleRef.current, verdict)?.color ?? NO_VERDICT_COLOR,
      anchorState: entry.server.anchorState,
    });
  }, []);

  // ---- editing the text (editors and admins; the server checks the role again)
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [savingText, setSavingText] = useState(false);
  const [note, setNote] = useState("");
  const [textConflict, setTextConflict] = useState<TextConflict | null>(null);
  // A new key remounts the editor on the revision's own document (Cancel editing).
  const [editorKey, setEditorKey] = useState(0);
  const editingRef = useRef(false);
  const stepsRef = useRef<unknown[]>([]);
  const noteRef = useRef("");

  /** Keeps the edit in this browser until the server confirms it (a reload or a failed save loses nothing). */
  const keepTextEdit = useCallback(() => {
    const e = editorRef.current;
    if (!e || !editingRef.current) return;
    const kept = storeTextEdit(browserStorage(), {
      userId,
      articleId,
      baseRevision: revision,
      steps: stepsRef.current,
      note: noteRef.current,
      text: textOf(e),
      savedAt: new Date().toISOString(),
    });
    if (!kept) setNotice("This browser does not let the page keep your text edit, so it would be lost on a reload. Save text soon.");
  }, [articleId, revision, userId]);

  // Storing the edit serialises every step and the whole text: at most once
  // per KEEP_TEXT_EDIT_MS while typing, not on every keystroke (a long
  // article made each key a long frame), and at once when the page is hidden
  // or closed, before a save is sent and when the workspace goes away.
  const keepTimerRef = useRef<number | null>(null);
  const flushTextEdit = useCallback(() => {
    if (keepTimerRef.current === null) return;
    window.clearTimeout(keepTimerRef.current);
    keepTimerRef.current = null;
    keepTextEdit();
  }, [keepTextEdit]);
  const scheduleKeepTextEdit = useCallback(() => {
    if (keepTimerRef.current !== null) return;
    keepTimerRef.current = window.setTimeout(() => {
      keepTimerRef.current = null;
      keepTextEdit();
    }, KEEP_TEXT_EDIT_MS);
  }, [keepTextEdit]);
  useEffect(() => {
    const onHidden = () => {
      if (document.visibilityState === "hidden") flushTextEdit();
    };
    window.addEventListener("pagehide", flushTextEdit);
    document.addEventListener("visibilitychange", onHidden);
    return () => {
      window.removeEventListener("pagehide", flushTextEdit);
      document.removeEventListener("visibilitychange", onHidden);
      flushTextEdit();
    };
  }, [flushTextEdit]);

  const onTextChange = useCallback(
    (tr: Transaction) => {
      if (!editingRef.current) return;
      // Through JSON: a step that creates a node (a block type change, Enter)
      // carries ProseMirror's attrs objects, which have no prototype, and a
      // server action sends such an object as an opaque reference, not as data.
      for (const step of tr.steps) stepsRef.current.push(JSON.parse(JSON.stringify(step.toJSON())) as unknown);
      scheduleKeepTextEdit();
    },
    [scheduleKeepTextEdit],
  );

  /** An edit this browser kept from before a reload: replayed on this revision, or shown beside the current text when the article moved on. */
  const restoreTextEdit = useCallback(
    (instance: Editor) => {
      if (!editor_) return;
      const kept = loadTextEdit(browserStorage(), articleId, userId);
      if (!kept) return;
      const conflict = { number: revision, authorName: null, createdAt: "", plainText: articleText.text, mine: kept.text };
      if (kept.baseRevision !== revision) return setTextConflict(conflict);
      const tr = instance.state.tr;
      try {
        for (const json of kept.steps) tr.step(Step.fromJSON(instance.schema, json));
      } catch {
        return setTextConflict(conflict);
      }
      editingRef.current = true;
      stepsRef.current = [];
      noteRef.current = kept.note;
      instance.view.dispatch(tr);
      setEditing(true);
      setNote(kept.note);
      setNotice("Your unsaved text edit was restored from this browser. Press Save text to keep it, or Cancel editing to discard it.");
    },
    [articleId, articleText, editor_, revision, userId],
  );

  // The notice of a text revision saved just before this workspace was loaded is shown once (see `notice`).
  useEffect(() => {
    try {
      window.sessionStorage.removeItem(savedNoticeKey(articleId));
    } catch {
      // No session storage: nothing was left to show.
    }
  }, [articleId]);

  const startEditing = useCallback(() => {
    editingRef.current = true;
    stepsRef.current = [];
    setEditing(true);
    setNotice(null);
    editorRef.current?.commands.focus();
  }, []);

  const changeNote = useCallback(
    (value: string) => {
      noteRef.current = value;
      setNote(value);
      if (stepsRef.current.length) scheduleKeepTextEdit();
    },
    [scheduleKeepTextEdit],
  );

  const cancelEditing = useCallback(() => {
    editingRef.current = false;
    stepsRef.current = [];
    noteRef.current = "";
    clearTextEdit(browserStorage(), articleId);
    setEditing(false);
    setNote("");
    setNotice(null);
    setEditorKey((k) => k + 1);
  }, [articleId]);

  const saveText = useCallback(async () => {
    const e = editorRef.current;
    if (!e || savingText) return;
    if (stepsRef.current.length === 0) {
      cancelEditing();
      setNotice("Nothing in the text changed, so no revision was saved.");
      return;
    }
    flushTextEdit(); // a save that fails keeps exactly what was sent
    setSavingText(true);
    setNotice(null);
    try {
      const result = await saveTextRevisionAction({ articleId, baseRevision: revision, steps: stepsRef.current, note: noteRef.current });
      if (!result.ok) {
        const kept = /kept in this browser/.test(result.error.message) ? "" : " Your edit is kept in this browser.";
        setNotice(`The text was not saved: ${result.error.message}${kept}`);
        return;
      }
      if (result.data.status === "conflict") {
        setTextConflict({ ...result.data.current, mine: textOf(e) });
        return;
      }
      const { revision: saved, counts } = result.data;
      editingRef.current = false;
      clearTextEdit(browserStorage(), articleId);
      const recheck = counts.changed + counts.orphaned;
      const message = `Saved revision ${saved.number}. ${recheck === 0 ? "Every claim kept its words." : `${recheck} ${recheck === 1 ? "claim needs" : "claims need"} a re-check (listed under Needs re-check).`}`;
      try {
        window.sessionStorage.setItem(savedNoticeKey(articleId), message);
      } catch {
        // The notice is a courtesy; the re-check list says the same.
      }
      // The page loads the new revision: a new workspace with its text and re-anchored claims.
      router.refresh();
    } catch {
      setNotice("Could not reach the server, so the text was not saved. Your edit is kept in this browser; press Save text again.");
    } finally {
      setSavingText(false);
    }
  }, [articleId, cancelEditing, flushTextEdit, revision, router, savingText]);

  // ---- who is editing the text (kept in the database, so every app instance sees it)
  const [textEditors, setTextEditors] = useState<TextEditor[]>([]);

  // While this tab edits, it holds a presence: registered when editing begins
  // (Edit text, or an edit restored after a reload), renewed by a heartbeat,
  // ended on Save text / Cancel editing / leaving the page. A tab closed
  // without pagehide expires on the server.
  useEffect(() => {
    if (!editing || !editor_) return;
    const sessionId = crypto.randomUUID();
    const input = { articleId, sessionId };
    const touch = async () => {
      try {
        const result = await touchTextEditingAction(input);
        if (result.ok) setTextEditors(result.data.others);
      } catch {
        // Offline: the next heartbeat tries again; presence is a courtesy, the edit goes on.
      }
    };
    void touch();
    const timer = window.setInterval(() => void touch(), PRESENCE_HEARTBEAT_MS);
    const beacon = () => {
      const body = new Blob([JSON.stringify({ sessionId })], { type: "text/plain" });
      navigator.sendBeacon(`/api/articles/${encodeURIComponent(articleId)}/text-editing`, body);
    };
    // Back/Forward can bring the page back from the cache with the edit still open.
    const onShow = (e: PageTransitionEvent) => e.persisted && void touch();
    window.addEventListener("pagehide", beacon);
    window.addEventListener("pageshow", onShow);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("pagehide", beacon);
      window.removeEventListener("pageshow", onShow);
      void stopTextEditingAction(input).catch(() => undefined);
    };
  }, [articleId, editing, editor_]);

  // Everyone with the article open asks who is editing: on load, every
  // PRESENCE_POLL_MS while the tab is visible, and when it becomes visible.
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const result = await textEditorsAction({ articleId });
        if (result.ok && !stopped) setTextEditors(result.data);
      } catch {
        // Offline: the line keeps what it showed; the next poll tries again.
      }
    };
    void poll();
    const timer = window.setInterval(() => void poll(), PRESENCE_POLL_MS);
    const onVisible = () => void poll();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [articleId]);

  // ---- a new version from outside (editors and admins; the server checks the role again)
  const [versionOpen, setVersionOpen] = useState(false);
  const [versionBusy, setVersionBusy] = useState<"preview" | "save" | null>(null);
  const [versionError, setVersionError] = useState<string | null>(null);
  const [versionPreview, setVersionPreview] = useState<NewVersionPreview | null>(null);

  const previewVersion = useCallback(
    async (input: NewVersionInput) => {
      setVersionBusy("preview");
      setVersionError(null);
      setVersionPreview(null);
      try {
        const result = await previewExternalRevisionAction({ articleId, baseRevision: revision, ...input });
        if (!result.ok) return setVersionError(result.error.message);
        if (result.data.status === "conflict") return setVersionError(versionConflict(result.data.current));
        setVersionPreview(result.data);
      } catch {
        setVersionError("Could not reach the server, so there is no preview. Your text is still here; press Preview again.");
      } finally {
        setVersionBusy(null);
      }
    },
    [articleId, revision],
  );

  const fetchVersionFromUrl = useCallback(async (): Promise<FetchedVersion> => {
    try {
      const result = await fetchVersionFromUrlAction(articleId);
      return result.ok ? { content: result.data.content, sourceUrl: result.data.sourceUrl } : { error: result.error.message };
    } catch {
      return { error: "Could not reach the server, so the page was not fetched. Try again in a moment." };
    }
  }, [articleId]);

  const saveVersion = useCallback(
    async (input: NewVersionInput) => {
      setVersionBusy("save");
      setVersionError(null);
      try {
        const result = await saveExternalRevisionAction({ articleId, baseRevision: revision, ...input });
        if (!result.ok) {
          setVersionPreview(null);
          return setVersionError(`The new version was not saved: ${result.error.message}`);
        }
        if (result.data.status === "conflict") {
          setVersionPreview(null);
          return setVersionError(versionConflict(result.data.current));
        }
        const { revision: saved, counts } = result.data;
        const recheck = counts.changed + counts.orphaned;
        const message = `Saved the new version as revision ${saved.number}. ${recheck === 0 ? "Every claim kept its words." : `${recheck} ${recheck === 1 ? "claim needs" : "claims need"} a re-check (listed under Needs re-check).`}`;
        try {
          window.sessionStorage.setItem(savedNoticeKey(articleId), message);
        } catch {
          // The notice is a courtesy; the re-check list says the same.
        }
        setVersionOpen(false);
        router.refresh();
      } catch {
        setVersionError("Could not reach the server, so the new version was not saved. Your text is still here; press Save again.");
      } finally {
        setVersionBusy(null);
      }
    },
    [articleId, revision, router],
  );

  const onReady = useCallback(
    (instance: Editor) => {
      editorRef.current = instance;
      setEditor(instance);
      const highlights: ClaimHighlight[] = [];
      for (const entry of store.getSnapshot().entries.values()) {
        const p = entry.placement;
        if (p) {
          const color = getVerdict(scaleRef.current, entry.draft.verdict)?.color ?? NO_VERDICT_COLOR;
          highlights.push({ id: entry.server.id, from: p.from, to: p.to, verdict: entry.draft.verdict, color, anchorState: entry.server.anchorState });
        }
      }
      instance.commands.setClaimHighlights(highlights);
      restoreTextEdit(instance);
      // A link such as /articles/{id}#claim-{claimId} (from the summary page) opens that claim.
      const linked = claimIdFromFragment(window.location.hash);
      if (linked && store.get(linked)) setActiveId(linked);
    },
    [restoreTextEdit, store],
  );

  /**
   * Shows a claim in the article: the caret at its first word (a collapsed
   * caret, so the verdict colour of the highlight is not hidden under the
   * browser's selection), scrolled into view.
   */
  const showInArticle = useCallback(
    (id: string, { focus }: { focus: boolean }) => {
      const p = store.get(id)?.placement;
      const e = editorRef.current;
      if (!p || !e) return;
      e.chain().setTextSelection(p.from).run();
      e.view.dom.querySelector(`mark[data-claim-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: "center" });
      if (focus) e.view.focus();
    },
    [store],
  );

  /** Opens a claim from a link or the list: shown in the article, the focus in its form (Escape goes back). */
  const focusClaim = useCallback(
    (id: string) => {
      setActiveId(id);
      setSheetFor(id);
      setChooser([]);
      showInArticle(id, { focus: false });
      focusFormOf.current = id;
    },
    [showInArticle],
  );

  // Once the claim's form is rendered, its first field takes the focus.
  // (A sheet, on a narrow screen, does this itself once it is open: openSheetFocus.)
  useEffect(() => {
    if (!wide) return;
    if (!activeId || focusFormOf.current !== activeId) return;
    focusFormOf.current = null;
    document.getElementById(`claim-${activeId}-checked`)?.focus();
  });

  /** From the claim form back to the article, the caret at the open claim. */
  const backToArticle = useCallback(() => {
    const e = editorRef.current;
    if (!e) return;
    if (activeId && store.get(activeId)?.placement) showInArticle(activeId, { focus: true });
    else e.view.focus();
  }, [activeId, showInArticle, store]);

  // ---- narrow screens: the claim list and the claim panel as sheets over the article
  /** Set when a claim was chosen in the list sheet: the claim's sheet takes the focus, not the Claims button. */
  const listChosen = useRef(false);
  const chooseFromList = useCallback(
    (id: string) => {
      if (!wide) {
        listChosen.current = true;
        setListOpen(false);
      }
      focusClaim(id);
    },
    [focusClaim, wide],
  );
  // The claim shown in the sheet, still known while the sheet closes (activeId is null by then).
  const sheetClaim = useRef<string | null>(null);
  const sheetOpener = useRef<HTMLElement | null>(null);

  /** Into the sheet: its first field when the form was asked for (from the list, Ctrl+Enter), else the sheet itself, so no on-screen keyboard pops up. */
  const openSheetFocus = useCallback(
    (event: Event) => {
      event.preventDefault();
      const active = document.activeElement;
      sheetOpener.current = active instanceof HTMLElement && active !== document.body ? active : null;
      const id = focusFormOf.current;
      focusFormOf.current = null;
      const field = id ? document.getElementById(`claim-${id}-checked`) : null;
      if (field) field.focus();
      else (event.currentTarget as HTMLElement | null)?.focus();
    },
    [],
  );

  /** Back to what opened the sheet (the Mark claim button), or to the claim's highlight: the caret at its first word, the article not scrolled. */
  const closeSheetFocus = useCallback(
    (event: Event) => {
      event.preventDefault();
      const opener = sheetOpener.current;
      sheetOpener.current = null;
      const e = editorRef.current;
      if (opener?.isConnected && !opener.matches(":disabled") && !e?.view.dom.contains(opener)) {
        opener.focus({ preventScroll: true });
        return;
      }
      const p = sheetClaim.current ? store.get(sheetClaim.current)?.placement : null;
      if (!e) return;
      if (p) e.commands.setTextSelection(p.from);
      (e.view.dom as HTMLElement).focus({ preventScroll: true });
    },
    [store],
  );

  // While the sheet is open, the claim's highlight is kept in the strip of article above it (scrolled only when it is not already there).
  useEffect(() => {
    if (!sheetShown || !activeId) return;
    sheetClaim.current = activeId;
    const frame = requestAnimationFrame(() => {
      const mark = editorRef.current?.view.dom.querySelector(`mark[data-claim-id="${CSS.escape(activeId)}"]`);
      const sheet = document.querySelector("[data-claim-sheet]");
      if (!mark || !sheet) return;
      const top = toolbarRef.current?.getBoundingClientRect().bottom ?? 0;
      const bottom = sheet.getBoundingClientRect().top;
      const box = mark.getBoundingClientRect();
      if (box.top >= top + 4 && box.bottom <= bottom - 4) return;
      // The highlight's first line a third of the way down the visible strip.
      window.scrollBy({ top: box.top - (top + Math.max(8, (bottom - top - Math.min(box.height, bottom - top)) / 3)) });
    });
    return () => cancelAnimationFrame(frame);
  }, [activeId, sheetShown]);

  /** Ctrl+Enter in the article: into the form of the claim under the caret, or of the open one. */
  const goToForm = useCallback(() => {
    const e = editorRef.current;
    const under = e ? claimIdsAt(e.state, e.state.selection.from) : [];
    const id = under.length === 1 ? under[0]! : activeId && (under.length === 0 || under.includes(activeId)) ? activeId : null;
    if (id) {
      focusFormOf.current = id;
      if (id === activeId) document.getElementById(`claim-${id}-checked`)?.focus();
      else setActiveId(id);
    } else if (under.length > 1) setChooser(under);
    else setNotice("No claim is open. Put the caret in a highlight and press Enter, or mark a claim first.");
  }, [activeId]);

  /** Alt+N / Alt+P: the next or previous claim after the caret, opened, the article keeping the focus. */
  const stepClaim = useCallback(
    (direction: 1 | -1) => {
      const e = editorRef.current;
      if (!e) return;
      const caret = e.state.selection.from;
      const placed = [...store.getSnapshot().entries.values()]
        .flatMap((entry) => (entry.placement ? [{ id: entry.server.id, from: entry.placement.from }] : []))
        .sort((a, b) => a.from - b.from);
      const target = direction > 0 ? placed.find((c) => c.from > caret) : placed.findLast((c) => c.from < caret);
      if (!target) {
        setNotice(placed.length === 0 ? "This article has no claims yet." : direction > 0 ? "This is the last claim in the article." : "This is the first claim in the article.");
        e.view.focus();
        return;
      }
      setNotice(null);
      setActiveId(target.id);
      showInArticle(target.id, { focus: true });
    },
    [showInArticle, store],
  );

  // Shortcuts that work anywhere on the page but in a text field: "?" lists them, Alt+N/Alt+P step through claims.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      const inArticle = !!target?.closest(".ProseMirror");
      const typing = !inArticle && isTypingTarget(target);
      if (typing || document.querySelector("[role=dialog],[role=alertdialog]")) return;
      if (event.key === "?" && !event.altKey) {
        event.preventDefault();
        setShortcutsOpen(true);
      } else if (event.altKey && !event.shiftKey && (event.code === "KeyN" || event.code === "KeyP")) {
        event.preventDefault();
        stepClaim(event.code === "KeyN" ? 1 : -1);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [stepClaim]);

  const openClaims = useCallback((ids: string[]) => {
    if (ids.length === 1) {
      setActiveId(ids[0]!);
      setSheetFor(ids[0]!);
    } else setChooser(ids);
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
    // The same words as an existing claim: open that one rather than make a copy no one can tell apart.
    const rangeFrom = articleText.textToPos(range.start, "start");
    const rangeTo = articleText.textToPos(range.end, "end");
    const same = [...store.getSnapshot().entries.values()].find((entry) => entry.placement?.from === rangeFrom && entry.placement.to === rangeTo);
    if (same) {
      setActiveId(same.server.id);
      setNotice("These words are already a claim: it is open in the claim panel.");
      return;
    }
    setNotice(null);
    setMarking(true);
    try {
      // The revision this page shows: if the text was revised meanwhile, the server maps the selection exactly or refuses.
      const result = await createClaimAction({ articleId, revision, start: range.start, end: range.end, exact: articleText.text.slice(range.start, range.end) });
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
  }, [articleId, articleText, marking, revision, showVerdict, store, textModel]);

  const changeDraft = useCallback(
    (id: string, patch: Partial<ClaimFields>) => {
      store.change(id, patch);
      if ("verdict" in patch) showVerdict(store.get(id), patch.verdict ?? null);
    },
    [showVerdict, store],
  );

  /** Takes in claims the server moved (status, assignee): new baselines for the store, highlights redrawn. */
  const takeIn = useCallback(
    (claims: ClaimDto[]) => {
      for (const claim of claims) {
        store.applyServer(claim);
        showVerdict(store.get(claim.id), store.get(claim.id)?.draft.verdict ?? null);
      }
    },
    [showVerdict, store],
  );

  /**
   * Deletes a claim as a workflow move: pending edits are saved first, and
   * the delete carries the version the server then has. A colleague's change
   * meanwhile makes it a conflict: nothing is deleted, the newer version is
   * taken in (or shown beside the local edits, as for a save) and the panel
   * says so.
   */
  const deleteClaim = useCallback(
    async (id: string, reason: string | undefined): Promise<string | null | undefined> => {
      setWorkflowNotice(null);
      try {
        const entry = await store.settle(id);
        if (!entry) return null;
        const result = await deleteClaimAction({ claimId: id, version: entry.server.version, reason });
        if (!result.ok) return result.error.message;
        if (result.data.status === "conflict") {
          takeIn([result.data.current]);
          setWorkflowNotice({
            id,
            notice: { tone: "error", text: "Not deleted: someone changed this claim meanwhile. Check the latest version, then delete it again if it should still go." },
          });
          return undefined;
        }
        const gone = result.data.deleted;
        store.remove(id);
        editorRef.current?.commands.removeClaimHighlight(id);
        setActiveId(null);
        if (editor_) setDeleted((list) => [gone, ...list.filter((d) => d.id !== gone.id)]);
        return null;
      } catch {
        return "Could not reach the server, so the claim was not deleted. Try again.";
      }
    },
    [editor_, store, takeIn],
  );

  // ---- the re-check queue

  const acceptNewText = useCallback(
    async (id: string): Promise<string | null> => {
      try {
        const entry = await store.settle(id);
        if (!entry) return null;
        const result = await acceptNewTextAction({ claimId: id, version: entry.server.version });
        if (!result.ok) return result.error.message;
        takeIn([result.data]);
        return null;
      } catch {
        return "Could not reach the server, so nothing was changed. Try again.";
      }
    },
    [store, takeIn],
  );

  const withdrawClaim = useCallback(
    async (id: string): Promise<string | null> => {
      const entry = store.get(id);
      const why = entry?.server.anchorState === "orphaned" ? "its words were removed from the article" : "its words changed";
      const result = await deleteClaim(id, `Withdrawn after revision ${revision}: ${why}.`);
      return result === undefined ? "Not withdrawn: someone changed this claim meanwhile. Check it and try again." : result;
    },
    [deleteClaim, revision, store],
  );

  /** Attaches a claim to the words selected in the article (the same selection rules as Mark claim). */
  const reanchorToSelection = useCallback(
    async (id: string): Promise<string | null> => {
      const e = editorRef.current;
      if (!e) return null;
      const { from, to, empty } = e.state.selection;
      const range = empty ? null : trimRange(textModel, { start: articleText.posToText(from), end: articleText.posToText(to) });
      if (!range || range.end <= range.start) return "Select the new words of the claim in the article first, then press Re-anchor.";
      try {
        const entry = await store.settle(id);
        if (!entry) return null;
        const exact = articleText.text.slice(range.start, range.end);
        const result = await reanchorClaimAction({ claimId: id, version: entry.server.version, revision, start: range.start, end: range.end, exact });
        if (!result.ok) return result.error.message;
        // Placed anew: a store entry's placement is computed when it enters the store.
        store.remove(id);
        store.add(result.data);
        showVerdict(store.get(id), result.data.verdict);
        return null;
      } catch {
        return "Could not reach the server, so the claim was not re-anchored. Try again.";
      }
    },
    [articleText, revision, showVerdict, store, textModel],
  );

  const restoreClaim = useCallback(
    async (item: DeletedClaimDto): Promise<string | null> => {
      try {
        const result = await restoreClaimAction({ claimId: item.id, version: item.version });
        if (!result.ok) return result.error.message;
        const claim = result.data;
        setDeleted((list) => list.filter((d) => d.id !== claim.id));
        store.add(claim);
        showVerdict(store.get(claim.id), claim.verdict);
        setActiveId(claim.id);
        setNotice(`Restored the claim “${claim.selectors.quote.exact.length > 80 ? `${claim.selectors.quote.exact.slice(0, 80)}…` : claim.selectors.quote.exact}”.`);
        return null;
      } catch {
        return "Could not reach the server, so the claim was not restored. Try again.";
      }
    },
    [showVerdict, store],
  );

  const deletedHistory = useCallback(
    async (item: DeletedClaimDto) => {
      try {
        const result = await claimHistoryAction({ articleId, claimId: item.id });
        return result.ok ? result.data : result.error.message;
      } catch {
        return "Could not load the history: the server did not answer. Try again.";
      }
    },
    [articleId],
  );

  /**
   * A workflow move on one claim: pending edits are saved first (the move
   * works on the server's version), then the moved claim becomes the store's
   * new baseline.
   */
  const move = useCallback(
    async (id: string, call: (version: number) => Promise<Moved>, done: string) => {
      setMoving(true);
      setWorkflowNotice(null);
      try {
        const entry = await store.settle(id);
        if (!entry) return false;
        if (entry.status !== "saved") {
          setWorkflowNotice({ id, notice: { tone: "error", text: "Your latest changes are not saved yet. Fix or save them first, then try again." } });
          return false;
        }
        const result = await call(entry.server.version);
        if (!result.ok) {
          setWorkflowNotice({ id, notice: { tone: "error", text: result.error.message } });
          return false;
        }
        if (result.data.status === "conflict") {
          takeIn([result.data.current]);
          setWorkflowNotice({ id, notice: { tone: "error", text: "Someone changed this claim meanwhile. Check the latest version and try again." } });
          return false;
        }
        takeIn([result.data.claim]);
        setWorkflowNotice({ id, notice: { tone: "info", text: done } });
        return true;
      } catch {
        setWorkflowNotice({ id, notice: { tone: "error", text: "Could not reach the server. Nothing was changed; try again." } });
        return false;
      } finally {
        setMoving(false);
      }
    },
    [store, takeIn],
  );

  const toggleSelected = useCallback((id: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const runBulk = useCallback(
    async (call: (claimIds: string[]) => Promise<ActionResult<{ summary: string; claims: ClaimDto[] }>>): Promise<string | null> => {
      const ids = [...selected];
      if (!ids.length) return "Select claims first.";
      setMoving(true);
      setBulkResult(null);
      try {
        for (const id of ids) await store.settle(id);
        const result = await call(ids);
        if (!result.ok) {
          setBulkResult(result.error.message);
          return result.error.message;
        }
        takeIn(result.data.claims);
        setBulkResult(result.data.summary);
        setSelected(new Set());
        return null;
      } catch {
        const message = "Could not reach the server. Nothing was changed; try again.";
        setBulkResult(message);
        return message;
      } finally {
        setMoving(false);
      }
    },
    [selected, store, takeIn],
  );

  // Open the claim a link asked for (?claim=<id>), once the article is ready.
  const openedInitial = useRef(false);
  useEffect(() => {
    if (!editor || openedInitial.current || !initialClaimId) return;
    // After the editor has painted its highlights, so the claim can be scrolled to.
    const frame = requestAnimationFrame(() => {
      openedInitial.current = true;
      if (store.get(initialClaimId)) focusClaim(initialClaimId);
      else setNotice("The claim this link points to no longer exists; it may have been deleted.");
    });
    return () => cancelAnimationFrame(frame);
  }, [editor, focusClaim, initialClaimId, store]);

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

  // A draft kept from an earlier version of a claim is a question for the
  // reviewer: open that claim first (unless a link asked for another), where
  // they choose to restore or discard it.
  const askedAboutStale = useRef(false);
  useEffect(() => {
    if (!editor || askedAboutStale.current || initialClaimId) return;
    const frame = requestAnimationFrame(() => {
      askedAboutStale.current = true;
      const stale = [...store.getSnapshot().entries.values()].filter((e) => e.stale);
      stale.sort((x, y) => (x.placement?.start ?? Infinity) - (y.placement?.start ?? Infinity));
      if (stale[0]) setActiveId((current) => current ?? stale[0]!.server.id);
    });
    return () => cancelAnimationFrame(frame);
  }, [editor, initialClaimId, store]);

  const entries = snapshot.entries;
  // The summary strip above the article counts what the server holds: saved statuses and verdicts.
  const reportSummary = useReportSummaryClaims();
  useEffect(() => {
    reportSummary([...entries.values()].map((e) => ({ status: e.server.status, verdict: e.server.verdict })));
  }, [entries, reportSummary]);
  const listItems = useMemo(() => [...entries.values()].map(listItemOf).sort((a, b) => a.start - b.start), [entries]);

  const recheckItems = useMemo<RecheckItem[]>(
    () =>
      [...entries.values()]
        .filter((e) => e.server.anchorState === "changed" || e.server.anchorState === "orphaned")
        .sort((x, y) => (x.placement?.start ?? x.server.selectors.position.start) - (y.placement?.start ?? y.server.selectors.position.start))
        .map((e) => ({
          id: e.server.id,
          state: e.server.anchorState as RecheckItem["state"],
          oldQuote: e.server.recheckQuote ?? e.server.selectors.quote.exact,
          newQuote: e.server.selectors.quote.exact,
          verdict: e.server.verdict,
          status: e.server.status,
        })),
    [entries],
  );

  const active = activeId ? entries.get(activeId) : undefined;
  const conflicted = [...entries.values()].find((e) => e.status === "conflict" && e.conflict);
  const staleNotice = active?.stale ? (
    <StaleDraftNotice
      stale={active.stale}
      current={active.server}
      onRestore={() => {
        store.restoreStale(active.server.id);
        showVerdict(store.get(active.server.id), store.get(active.server.id)?.draft.verdict ?? null);
      }}
      onDiscard={() => store.discardStale(active.server.id)}
    />
  ) : null;

  /** What was chosen in the More menu runs once the menu has given the focus back to its button, so a dialog it opens returns the focus there. */
  const moreChoice = useRef<(() => void) | null>(null);
  const afterMoreMenu = (event: Event) => {
    const next = moreChoice.current;
    moreChoice.current = null;
    if (!next) return;
    event.preventDefault();
    document.querySelector<HTMLElement>("[data-more-menu]")?.focus();
    next();
  };
  return (
    // While a claim's sheet covers the lower part of a narrow screen, room below the article lets its last lines scroll up above the sheet.
    <div className={`mx-auto grid max-w-[1600px] gap-6 px-4 py-6 lg:grid-cols-[minmax(0,1fr)_26rem] xl:grid-cols-[18rem_minmax(0,1fr)_26rem] ${sheetShown ? "pb-[62dvh]" : ""}`}>
      <ClaimListColumn wide={wide} count={listItems.length} open={listOpen} onOpenChange={setListOpen} chosenRef={listChosen}>
        <div className="rounded-lg border border-line bg-white p-3 shadow-sm xl:sticky xl:top-20 xl:max-h-[calc(100vh-6rem)] xl:overflow-y-auto">
          <div className="mb-2 flex items-center justify-between px-1">
            <h2 id="claims-heading" className="text-sm font-semibold">
              Claims <span className="font-normal text-muted">({listItems.length})</span>
            </h2>
            <span className="text-xs text-muted">{snapshot.unsaved ? `${snapshot.unsaved} unsaved` : "All changes saved"}</span>
          </div>
          {editor_ && listItems.length ? (
            <BulkActions
              count={selected.size}
              total={listItems.length}
              assignees={assignees}
              busy={moving}
              result={bulkResult}
              onSelectAll={() => setSelected(new Set(listItems.map((i) => i.id)))}
              onClear={() => setSelected(new Set())}
              onApprove={() => void runBulk((claimIds) => bulkApproveAction({ claimIds }))}
              onReturn={(reason) => runBulk((claimIds) => bulkReturnAction({ claimIds, reason }))}
              onAssign={(assigneeId) => void runBulk((claimIds) => bulkAssignAction({ claimIds, assigneeId }))}
            />
          ) : null}
          <ClaimList
            items={listItems}
            activeId={activeId}
            onSelect={chooseFromList}
            selection={editor_ ? { selected, onToggle: toggleSelected } : undefined}
          />
          {editor_ ? <DeletedClaims items={deleted} onRestore={restoreClaim} loadHistory={deletedHistory} /> : null}
        </div>
      </ClaimListColumn>

      <section aria-label="Article and marking tools" className="order-1 min-w-0 xl:order-2">
        <div
          ref={toolbarRef}
          className={`sticky top-20 z-20 -mx-1 mb-3 md:top-14 flex flex-wrap items-center border-b border-line bg-canvas px-1 py-2 ${wide ? "gap-3" : "gap-2"}`}
        >
          <MarkClaimButton editor={editor} onMark={markClaim} busy={marking} disabled={editing} />
          {wide ? null : (
            <Button variant="secondary" onClick={() => setListOpen(true)} aria-haspopup="dialog">
              <ListChecks aria-hidden />
              Claims ({listItems.length})
            </Button>
          )}
          {editor_ && (wide || editing) ? (
            <TextEditBar
              editor={editor}
              editing={editing}
              saving={savingText}
              note={note}
              onNoteChange={changeNote}
              onEdit={startEditing}
              onSave={() => void saveText()}
              onCancel={cancelEditing}
            />
          ) : null}
          {editor_ && !editing && wide ? <NewVersionButton onOpen={() => setVersionOpen(true)} /> : null}
          {wide ? (
            <KeyboardShortcuts open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
          ) : (
            <>
              {/* The dialog only: on a narrow screen its button is an item of the More menu. */}
              <div hidden>
                <KeyboardShortcuts open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
              </div>
              {editing ? null : (
                <DropdownMenu>
                  <DropdownMenuTrigger asChild>
                    <Button variant="ghost" className="ml-auto px-3" data-more-menu="">
                      <MoreHorizontal aria-hidden />
                      More
                    </Button>
                  </DropdownMenuTrigger>
                  <DropdownMenuContent align="end" onCloseAutoFocus={afterMoreMenu}>
                    {editor_ ? <DropdownMenuItem onSelect={() => (moreChoice.current = startEditing)}>Edit text</DropdownMenuItem> : null}
                    {editor_ ? <DropdownMenuItem onSelect={() => (moreChoice.current = () => setVersionOpen(true))}>Bring in a new version</DropdownMenuItem> : null}
                    <DropdownMenuItem onSelect={() => (moreChoice.current = () => setShortcutsOpen(true))}>Keyboard shortcuts</DropdownMenuItem>
                  </DropdownMenuContent>
                </DropdownMenu>
              )}
            </>
          )}
          <p id="article-help" className={wide ? "min-w-0 flex-1 basis-64 text-xs text-muted" : "sr-only"}>
            Select a claim with the mouse or Shift+arrow keys, then press Mark claim or Ctrl+Alt+M. Click a highlight, or put the caret in it and press
            Enter, to open it.
          </p>
          {/* Hangs under the sticky bar, so someone who has scrolled to a claim still sees who is editing the text; it
              floats over the text (clicks pass through) rather than pushing it down while someone is selecting words. */}
          <TextEditorsStatus editors={textEditors} editing={editing} />
        </div>
        {notice ? (
          <Alert className="mb-3" tone="info">
            {notice}
          </Alert>
        ) : null}
        <RecheckList
          items={recheckItems}
          onAccept={acceptNewText}
          onWithdraw={withdrawClaim}
          onReanchor={reanchorToSelection}
          onOpen={focusClaim}
          disabled={editing}
        />
        <div className={`rounded-lg border bg-white px-6 py-8 shadow-sm sm:px-10 ${editing ? "border-brand ring-2 ring-brand/30" : "border-line"}`}>
          <ArticleEditor
            key={editorKey}
            content={content}
            onReady={onReady}
            onMarkClaim={markClaim}
            onOpenClaims={openClaims}
            onGoToForm={goToForm}
            editing={editing}
            editingRef={editingRef}
            onTextChange={onTextChange}
            lang={language}
          />
        </div>
        {/* Rendered in the browser only (activeId starts null); the page's CSP admits a <style> by its nonce. */}
        {activeId ? <style nonce={documentNonce()}>{`mark.claim[data-claim-id="${CSS.escape(activeId)}"]{outline:2px solid var(--claim-color);outline-offset:1px}`}</style> : null}
      </section>

      <ClaimDetailsColumn wide={wide} open={sheetShown} onClose={() => setActiveId(null)} onOpenAutoFocus={openSheetFocus} onCloseAutoFocus={closeSheetFocus}>
        <div className="rounded-lg border border-line bg-white p-4 shadow-sm lg:sticky lg:top-20 lg:max-h-[calc(100vh-6rem)] lg:overflow-y-auto">
          {active ? (
            <ClaimPanel
              key={active.server.id}
              articleId={articleId}
              claimId={active.server.id}
              version={active.server.version}
              quote={active.server.selectors.quote.exact}
              details={
                staleNotice ??
                <ClaimForm
                  key={active.server.id}
                  claimId={active.server.id}
                  quote={active.server.selectors.quote.exact}
                  orphan={!active.placement}
                  fields={active.draft}
                  status={active.status}
                  error={active.error}
                  fieldErrors={notSavedMessages(active.fieldErrors)}
                  updatedLine={`Version ${active.server.version}${active.server.updatedByName ? ` · last saved by ${active.server.updatedByName}` : ""}`}
                  onChange={(patch) => changeDraft(active.server.id, patch)}
                  onRetry={() => store.retry(active.server.id)}
                  onBackToArticle={backToArticle}
                  remove={<DeleteClaim status={active.server.status} role={role} onDelete={(reason) => deleteClaim(active.server.id, reason)} />}
                  earlier={
                    <CheckedBeforePanel
                      claimId={active.server.id}
                      text={active.draft.claimAsChecked.trim() || active.server.selectors.quote.exact}
                      busy={moving}
                      onUse={(fromClaimId) =>
                        void move(
                          active.server.id,
                          (version) => adoptVerdictAction({ claimId: active.server.id, version, fromClaimId }),
                          "The earlier verdict, rationale and sources are in this claim now, as a starting point. Check them against this article.",
                        )
                      }
                    />
                  }
                  workflow={
                    <ClaimWorkflow
                      claim={active.server}
                      draftVerdict={active.draft.verdict}
                      role={role}
                      userId={userId}
                      assignees={assignees}
                      busy={moving}
                      notice={workflowNotice?.id === active.server.id ? workflowNotice.notice : null}
                      onSubmit={() => void move(active.server.id, (version) => submitForApprovalAction({ claimId: active.server.id, version }), "Submitted for approval.")}
                      onApprove={() => void move(active.server.id, (version) => approveClaimAction({ claimId: active.server.id, version }), "Approved.")}
                      onReturn={(reason) => move(active.server.id, (version) => returnClaimAction({ claimId: active.server.id, version, reason }), "Returned to the reviewer.")}
                      onAssign={(assigneeId) =>
                        void move(active.server.id, (version) => assignClaimAction({ claimId: active.server.id, version, assigneeId }), assigneeId ? "Assigned." : "Unassigned.")
                      }
                    />
                  }
                />
              }
            />
          ) : (
            <div className="grid gap-4">
              <div className="py-6 text-center text-sm text-muted">
                <p className="font-medium text-slate-700">No claim open</p>
                <p>Mark a claim in the article, or choose one from the list.</p>
              </div>
              <SelectionCheckedBefore editor={editor} />
            </div>
          )}
        </div>
      </ClaimDetailsColumn>

      <ClaimChooser
        items={chooser.flatMap((id) => {
          const e = entries.get(id);
          return e
            ? [
                {
                  id,
                  quote: e.server.selectors.quote.exact,
                  verdict: e.draft.verdict,
                  status: e.server.status,
                  markedBy: e.server.createdByName,
                  markedAt: e.server.createdAt,
                  savedBy: e.server.updatedByName,
                  savedAt: e.server.updatedAt,
                },
              ]
            : [];
        })}
        onChoose={(id) => {
          setChooser([]);
          setActiveId(id);
        }}
        onClose={() => setChooser([])}
      />
      {editor_ ? (
        <NewVersionDialog
          open={versionOpen}
          revision={revision}
          busy={versionBusy}
          error={versionError}
          preview={versionPreview}
          onOpenChange={setVersionOpen}
          onPreview={(input) => void previewVersion(input)}
          onSave={(input) => void saveVersion(input)}
          onInputChange={() => setVersionPreview(null)}
          sourceUrl={sourceUrl}
          onFetchFromUrl={fetchVersionFromUrl}
        />
      ) : null}
      <TextConflictDialog
        conflict={textConflict}
        onKeep={() => setTextConflict(null)}
        onLoadCurrent={() => {
          clearTextEdit(browserStorage(), articleId);
          window.location.reload();
        }}
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
