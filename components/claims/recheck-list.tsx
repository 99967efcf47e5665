"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { VerdictBadge } from "@/components/verdict-badge";
import { wordDiff } from "@/lib/anchoring/word-diff";
import { statusLabel, type ClaimStatus } from "@/lib/verdicts";

export type RecheckItem = {
  id: string;
  state: "changed" | "orphaned";
  /** The quote the verdict was given on. */
  oldQuote: string;
  /** The claim's words in the current text ("" when orphaned). */
  newQuote: string;
  verdict: string | null;
  status: ClaimStatus;
};

type Props = {
  items: RecheckItem[];
  /** Each resolves null when done, or a message to show with the item. */
  onAccept: (id: string) => Promise<string | null>;
  onWithdraw: (id: string) => Promise<string | null>;
  /** Attaches the claim to the words selected in the article. */
  onReanchor: (id: string) => Promise<string | null>;
  onOpen: (id: string) => void;
  /** While the text itself is being edited, the queue waits. */
  disabled?: boolean;
};

/** The old quote against the new words, word by word, as React elements (never HTML). */
export function QuoteDiff({ oldText, newText, testId = "recheck-diff" }: { oldText: string; newText: string; testId?: string }) {
  const parts = wordDiff(oldText, newText);
  return (
    <p className="font-serif leading-relaxed text-slate-800" data-testid={testId}>
      {parts.map((part, i) =>
        part.kind === "same" ? (
          <span key={i}>{part.text}</span>
        ) : part.kind === "removed" ? (
          <del key={i} className="bg-red-100 text-red-900 decoration-red-700">
            <span className="sr-only">removed: </span>
            {part.text}
          </del>
        ) : (
          <ins key={i} className="bg-green-100 text-green-900 no-underline">
            <span className="sr-only">added: </span>
            {part.text}
          </ins>
        ),
      )}
    </p>
  );
}

function Item({ item, onAccept, onWithdraw, onReanchor, onOpen, disabled }: { item: RecheckItem } & Omit<Props, "items">) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = `recheck-${item.id}`;
  const run = async (action: (id: string) => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    const message = await action(item.id);
    setBusy(false);
    setError(message);
  };
  return (
    <li aria-labelledby={headingId} className="grid gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
      <p id={headingId} className="flex flex-wrap items-center gap-2 text-xs font-medium text-amber-900">
        {item.state === "changed" ? "Text changed" : "Orphaned: its words were removed"}
        <VerdictBadge verdict={item.verdict} />
        <span className="text-slate-600">{statusLabel(item.status)}</span>
      </p>
      {item.state === "changed" ? (
        <QuoteDiff oldText={item.oldQuote} newText={item.newQuote} />
      ) : (
        <p className="font-serif text-slate-800">
          <span className="sr-only">Old quote: </span>
          <del className="bg-red-100 text-red-900">“{item.oldQuote}”</del>
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {item.state === "changed" ? (
          <Button size="sm" disabled={busy || disabled} onClick={() => void run(onAccept)}>
            Accept new text
          </Button>
        ) : null}
        <Button size="sm" variant="secondary" disabled={busy || disabled} onClick={() => void run(onReanchor)} title="Select the new words in the article first">
          Re-anchor
        </Button>
        <Button size="sm" variant="secondary" disabled={busy || disabled} onClick={() => void run(onWithdraw)}>
          Withdraw claim
        </Button>
        <Button size="sm" variant="ghost" onClick={() => onOpen(item.id)}>
          Open claim
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </li>
  );
}

/**
 * Claims a text revision left for a person: their words changed (the old
 * quote against the new words) or are gone (the old quote). Nothing here is
 * silently kept or moved: each waits for Accept new text, Re-anchor or
 * Withdraw claim.
 */
export function RecheckList({ items, ...props }: Props) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="recheck-heading" className="mb-3 rounded-lg border border-amber-300 bg-white p-3 shadow-sm">
      <h2 id="recheck-heading" className="mb-1 text-sm font-semibold">
        Needs re-check <span className="font-normal text-muted">({items.length})</span>
      </h2>
      <p className="mb-2 text-xs text-muted">
        The article text changed under these claims. Accept new text if the verdict stands for the new wording; to re-anchor, select the new words in the article first.
      </p>
      <ul className="grid gap-2">
        {items.map((item) => (
          <Item key={item.id} item={item} {...props} />
        ))}
      </ul>
    </section>
  );
}
