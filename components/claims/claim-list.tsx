import { memo } from "react";
import { StatusBadge, VerdictBadge } from "@/components/verdict-badge";
import { cn } from "@/lib/utils";

export type ClaimListItem = {
  id: string;
  quote: string;
  verdict: string | null;
  status: string;
  orphan: boolean;
  unsaved: boolean;
};

type Selection = { selected: ReadonlySet<string>; onToggle: (id: string) => void };

const Item = memo(function Item({
  item,
  active,
  onSelect,
  checked,
  onToggle,
}: {
  item: ClaimListItem;
  active: boolean;
  onSelect: (id: string) => void;
  /** Undefined when the list is not selectable (reviewers). */
  checked?: boolean;
  onToggle?: (id: string) => void;
}) {
  const button = (
      <button
        type="button"
        aria-current={active ? "true" : undefined}
        onClick={() => onSelect(item.id)}
        className={cn(
          "block w-full rounded-md border px-3 py-2 text-start text-sm transition-colors hover:bg-slate-50",
          active ? "border-brand bg-blue-50/60 hover:bg-blue-50" : "border-transparent",
        )}
      >
        {/* The quote takes its direction from its own words (an Arabic claim reads right to left). */}
        <span dir="auto" className="line-clamp-2 font-serif text-slate-800">“{item.quote}”</span>
        <span className="mt-1.5 flex flex-wrap items-center gap-1.5">
          <VerdictBadge verdict={item.verdict} />
          <StatusBadge status={item.status} />
          {item.orphan ? <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900">Orphaned</span> : null}
          {item.unsaved ? <span className="text-xs text-red-700">Unsaved</span> : null}
        </span>
      </button>
  );
  if (checked === undefined || !onToggle) return <li>{button}</li>;
  return (
    <li className="flex items-start gap-1.5">
      <input
        type="checkbox"
        checked={checked}
        onChange={() => onToggle(item.id)}
        aria-label={`Select claim “${item.quote.length > 80 ? `${item.quote.slice(0, 80)}…` : item.quote}”`}
        className="mt-3 size-4 shrink-0 accent-brand"
      />
      <div className="min-w-0 flex-1">{button}</div>
    </li>
  );
});

/** All claims in document order; orphans (anchors no longer found in the text) listed after them, never dropped. */
export function ClaimList({
  items,
  activeId,
  onSelect,
  selection,
}: {
  items: ClaimListItem[];
  activeId: string | null;
  onSelect: (id: string) => void;
  /** Checkboxes for bulk actions (editors). */
  selection?: Selection;
}) {
  const anchored = items.filter((i) => !i.orphan);
  const orphans = items.filter((i) => i.orphan);
  if (items.length === 0) {
    return <p className="px-1 text-sm text-muted">No claims yet. Select a sentence in the article and press “Mark claim”.</p>;
  }
  return (
    <div className="grid gap-3">
      <ol className="grid gap-1" aria-label="Claims in document order">
        {anchored.map((item) => (
          <Item
            key={item.id}
            item={item}
            active={item.id === activeId}
            onSelect={onSelect}
            checked={selection ? selection.selected.has(item.id) : undefined}
            onToggle={selection?.onToggle}
          />
        ))}
      </ol>
      {orphans.length ? (
        <div>
          <h3 className="mb-1 px-1 text-xs font-semibold uppercase tracking-wide text-amber-800">Orphaned claims ({orphans.length})</h3>
          <p className="mb-1 px-1 text-xs text-muted">Their quoted text is no longer in the article. Review and re-mark them.</p>
          <ol className="grid gap-1" aria-label="Orphaned claims">
            {orphans.map((item) => (
              <Item
            key={item.id}
            item={item}
            active={item.id === activeId}
            onSelect={onSelect}
            checked={selection ? selection.selected.has(item.id) : undefined}
            onToggle={selection?.onToggle}
          />
            ))}
          </ol>
        </div>
      ) : null}
    </div>
  );
}
