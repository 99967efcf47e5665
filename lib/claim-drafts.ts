import { claimFieldsOf, claimFieldsSchema, sourceSchema, type ClaimDto, type ClaimFields, type SaveClaimResult } from "@/lib/claims";
import type { ActionResult } from "@/lib/errors";

export type DraftStatus = "saved" | "pending" | "saving" | "error" | "invalid" | "conflict";

export type DraftEntry<P> = {
  /** The claim as last confirmed by the server. */
  server: ClaimDto;
  /** What the reviewer sees and types into. */
  draft: ClaimFields;
  status: DraftStatus;
  error?: string;
  fieldErrors?: Record<string, string>;
  /** The newer server version met on a conflicting save. */
  conflict?: ClaimDto;
  /** Where the claim sits in the article, computed once when it enters the store. */
  placement: P;
};

export type DraftSnapshot<P> = { entries: ReadonlyMap<string, DraftEntry<P>>; unsaved: number };

export type SaveClaimFn = (input: { claimId: string; baseVersion: number; fields: ClaimFields }) => Promise<ActionResult<SaveClaimResult>>;

type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export type DraftStoreOptions<P> = {
  save: SaveClaimFn;
  place: (claim: ClaimDto) => P;
  /** Where unsaved drafts survive a reload or a closed tab (localStorage in the browser). */
  storage?: KeyValueStorage | null;
  debounceMs?: number;
  retryMs?: number[];
};

type Backup = { baseVersion: number; fields: ClaimFields };

const sameFields = (a: ClaimFields, b: ClaimFields) => JSON.stringify(claimFieldsOf(a)) === JSON.stringify(claimFieldsOf(b));

/** A source still without a URL is a draft: kept locally, not sent, and it does not hold back the rest of the claim. */
export const isDraftSource = (source: { url: string }) => source.url.trim() === "";

/**
 * What a draft can send: the fields with draft sources left out, or the
 * errors to show, keyed by the draft's own field paths (e.g. `sources.2.url`).
 */
export function validateDraft(draft: ClaimFields): { ok: true; fields: ClaimFields } | { ok: false; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  const base = claimFieldsSchema.omit({ sources: true }).safeParse(draft);
  if (!base.success) for (const issue of base.error.issues) fieldErrors[issue.path.join(".")] ??= issue.message;
  draft.sources.forEach((source, index) => {
    if (isDraftSource(source)) return;
    const parsed = sourceSchema.safeParse(source);
    if (!parsed.success) for (const issue of parsed.error.issues) fieldErrors[`sources.${index}.${issue.path.join(".")}`] ??= issue.message;
  });
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  const fields = { ...draft, sources: draft.sources.filter((s) => !isDraftSource(s)) };
  const whole = claimFieldsSchema.safeParse(fields); // limits that span sources (their number)
  if (!whole.success) return { ok: false, fieldErrors: { sources: whole.error.issues[0]?.message ?? "Check the sources." } };
  return { ok: true, fields };
}

/**
 * Drafts and autosave for the claims of one article, framework-free so it can
 * be tested on its own. A change is kept in memory and in storage until the
 * server confirms it; it is saved after a short pause, retried with back-off
 * when the network or server fails, and turned into a conflict (never an
 * overwrite) when someone else saved first.
 */
export class ClaimDraftStore<P> {
  private snapshot: DraftSnapshot<P>;
  private readonly listeners = new Set<() => void>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Set<string>();
  /** Settles when the save in flight for a claim has returned (for `settle`). */
  private readonly saving = new Map<string, Promise<unknown>>();
  private readonly attempts = new Map<string, number>();
  private readonly save: SaveClaimFn;
  private readonly place: (claim: ClaimDto) => P;
  private readonly storage: KeyValueStorage | null;
  private readonly debounceMs: number;
  private readonly retryMs: number[];

  constructor(initial: ClaimDto[], options: DraftStoreOptions<P>) {
    this.save = options.save;
    this.place = options.place;
    this.storage = options.storage ?? null;
    this.debounceMs = options.debounceMs ?? 700;
    this.retryMs = options.retryMs ?? [2000, 5000, 10000, 30000];
    this.snapshot = {
      entries: new Map(initial.map((c) => [c.id, { server: c, draft: claimFieldsOf(c), status: "saved" as const, placement: this.place(c) }])),
      unsaved: 0,
    };
  }

  // ---- subscription (the shape useSyncExternalStore expects)

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  get(id: string): DraftEntry<P> | undefined {
    return this.snapshot.entries.get(id);
  }

  // ---- commands

  /** Restores drafts an earlier visit could not save (closed tab, lost network). */
  restoreBackups() {
    for (const [id, entry] of this.snapshot.entries) {
      const backup = this.readBackup(id);
      if (!backup) continue;
      if (sameFields(backup.fields, entry.draft)) {
        this.writeBackup(id, null);
      } else if (backup.baseVersion === entry.server.version) {
        this.update(id, (e) => ({ ...e, draft: backup.fields, status: "pending" }));
        this.schedule(id, 0);
      } else {
        // Someone saved since: show both instead of silently choosing.
        this.update(id, (e) => ({ ...e, draft: backup.fields, status: "conflict", conflict: e.server }));
      }
    }
  }

  change(id: string, patch: Partial<ClaimFields>) {
    this.update(id, (e) => {
      const draft = { ...e.draft, ...patch };
      this.writeBackup(id, { baseVersion: e.server.version, fields: draft });
      return { ...e, draft, status: e.status === "conflict" ? "conflict" : "pending" };
    });
    this.schedule(id, this.debounceMs);
  }

  retry(id: string) {
    void this.flush(id);
  }

  /** Resolves a conflict with the reviewer's own text, saved over the newer version. */
  keepMine(id: string) {
    this.update(id, (e) => (e.conflict ? { ...e, server: e.conflict, conflict: undefined, status: "pending" } : e));
    void this.flush(id);
  }

  /** Resolves a conflict by taking the saved version; the local draft is dropped. */
  takeTheirs(id: string) {
    this.writeBackup(id, null);
    this.update(id, (e) => (e.conflict ? { server: e.conflict, draft: claimFieldsOf(e.conflict), status: "saved", placement: e.placement } : e));
  }

  add(claim: ClaimDto) {
    const entries = new Map(this.snapshot.entries);
    entries.set(claim.id, { server: claim, draft: claimFieldsOf(claim), status: "saved", placement: this.place(claim) });
    this.publish(entries);
  }

  remove(id: string) {
    clearTimeout(this.timers.get(id));
    this.writeBackup(id, null);
    this.update(id, () => null);
  }

  /**
   * Brings in the server's current claims (after Back/Forward replays an old
   * page, or when the tab is shown again). Claims with local changes are left
   * alone: their next save meets the newer version as a conflict.
   * Returns the ids whose highlight must be redrawn or removed.
   */
  sync(current: ClaimDto[]): { changed: string[]; removed: string[] } {
    const entries = new Map(this.snapshot.entries);
    const changed: string[] = [];
    const removed: string[] = [];
    const seen = new Set<string>();
    for (const claim of current) {
      seen.add(claim.id);
      const entry = entries.get(claim.id);
      if (!entry) {
        entries.set(claim.id, { server: claim, draft: claimFieldsOf(claim), status: "saved", placement: this.place(claim) });
        changed.push(claim.id);
      } else if (entry.status === "saved" && claim.version > entry.server.version) {
        entries.set(claim.id, { ...entry, server: claim, draft: claimFieldsOf(claim) });
        changed.push(claim.id);
      }
    }
    for (const [id, entry] of entries) {
      if (!seen.has(id) && entry.status === "saved") {
        entries.delete(id);
        removed.push(id);
      }
    }
    if (changed.length || removed.length) this.publish(entries);
    return { changed, removed };
  }

  /** Saves a claim now (also used by the debounce timer and retries). */
  async flush(id: string): Promise<void> {
    clearTimeout(this.timers.get(id));
    const entry = this.get(id);
    if (!entry || entry.status === "conflict" || entry.status === "saved") return;
    if (this.inFlight.has(id)) return; // looked at again when the save in flight returns
    const valid = validateDraft(entry.draft);
    if (!valid.ok) {
      const fieldErrors = valid.fieldErrors;
      this.update(id, (e) => ({ ...e, status: "invalid", fieldErrors, error: "Fix the marked fields to save." }));
      return;
    }
    const sent = valid.fields;
    this.inFlight.add(id);
    this.update(id, (e) => ({ ...e, status: "saving", error: undefined, fieldErrors: undefined }));
    let result: ActionResult<SaveClaimResult>;
    try {
      const request = this.save({ claimId: id, baseVersion: entry.server.version, fields: sent });
      this.saving.set(id, request.catch(() => undefined));
      result = await request;
    } catch {
      result = { ok: false, error: { code: "unavailable:database", message: "The server could not be reached. Retrying…" } };
    } finally {
      this.inFlight.delete(id);
      this.saving.delete(id);
    }

    if (result.ok && result.data.status === "saved") {
      const saved = result.data.claim;
      this.attempts.delete(id);
      this.update(id, (e) => {
        const latest = validateDraft(e.draft);
        const done = latest.ok && sameFields(latest.fields, sent);
        // Draft sources live only here: keep the backup while the draft holds anything the server lacks.
        this.writeBackup(id, sameFields(e.draft, saved) ? null : { baseVersion: saved.version, fields: e.draft });
        return { ...e, server: saved, status: done ? "saved" : "pending", error: undefined, fieldErrors: undefined };
      });
      if (this.get(id)?.status === "pending") this.schedule(id, this.debounceMs);
      return;
    }
    if (result.ok && result.data.status === "conflict" && sameFields(result.data.current, entry.server) && this.get(id)?.status !== "conflict") {
      // Only the workflow moved (a status change, an assignment): nobody else
      // changed what this draft edits, so save it again over the new version.
      const current = result.data.current;
      this.update(id, (e) => ({ ...e, server: current.version > e.server.version ? current : e.server, status: "pending" }));
      this.schedule(id, 0);
      return;
    }
    if (result.ok) {
      const current = result.data.status === "conflict" ? result.data.current : entry.server;
      this.update(id, (e) => ({ ...e, status: "conflict", conflict: current, error: undefined }));
      return;
    }
    const { code, message, fieldErrors } = result.error;
    if (code === "not_found:claim") {
      this.update(id, (e) => ({ ...e, status: "invalid", error: "Someone deleted this claim. Your text is kept in this tab only: copy what you need." }));
      return;
    }
    if (code.startsWith("bad_request") || code.startsWith("forbidden")) {
      // Retrying cannot help: say why and wait for the reviewer to change something.
      this.update(id, (e) => ({ ...e, status: "invalid", error: message, fieldErrors }));
      return;
    }
    // Transient (network, busy database, expired session): keep the draft and retry with back-off.
    const n = this.attempts.get(id) ?? 0;
    this.attempts.set(id, n + 1);
    this.update(id, (e) => ({ ...e, status: "error", error: message }));
    this.schedule(id, this.retryMs[Math.min(n, this.retryMs.length - 1)] ?? 30000);
  }

  /**
   * Takes in a claim the server returned from a workflow move (submit,
   * approve, return, assign, bulk): it becomes the new baseline. Unsaved local
   * edits are kept and will be saved over it; if the server's text differs
   * from what they were based on, both are shown as a conflict instead.
   */
  applyServer(claim: ClaimDto) {
    this.update(claim.id, (e) => {
      if (claim.version <= e.server.version) return e;
      if (e.status === "saved") return { ...e, server: claim, draft: claimFieldsOf(claim) };
      if (e.status === "conflict") return e.conflict && claim.version > e.conflict.version ? { ...e, conflict: claim } : e;
      if (!sameFields(claim, e.server)) return { ...e, status: "conflict", conflict: claim };
      this.writeBackup(claim.id, { baseVersion: claim.version, fields: e.draft });
      return { ...e, server: claim };
    });
  }

  /**
   * Saves what is pending for a claim now and waits until it is stored (or
   * cannot be): call before a workflow move, which works on the server's
   * version. Returns the entry as it then stands.
   */
  async settle(id: string): Promise<DraftEntry<P> | undefined> {
    for (let round = 0; round < 10; round++) {
      const entry = this.get(id);
      if (!entry) return undefined;
      const saving = this.saving.get(id);
      if (saving) await saving;
      else if (entry.status === "pending" || entry.status === "error") await this.flush(id);
      else return entry;
      await Promise.resolve(); // let the save's own continuation record its result first
    }
    return this.get(id);
  }

  dispose() {
    this.timers.forEach(clearTimeout);
    this.timers.clear();
  }

  // ---- internals

  private schedule(id: string, delay: number) {
    clearTimeout(this.timers.get(id));
    this.timers.set(
      id,
      setTimeout(() => void this.flush(id), delay),
    );
  }

  private update(id: string, change: (e: DraftEntry<P>) => DraftEntry<P> | null) {
    const current = this.snapshot.entries.get(id);
    if (!current) return;
    const next = change(current);
    const entries = new Map(this.snapshot.entries);
    if (next) entries.set(id, next);
    else entries.delete(id);
    this.publish(entries);
  }

  private publish(entries: Map<string, DraftEntry<P>>) {
    let unsaved = 0;
    for (const e of entries.values()) if (e.status !== "saved") unsaved++;
    this.snapshot = { entries, unsaved };
    this.listeners.forEach((l) => l());
  }

  private key(id: string) {
    return `claimdesk:draft:${id}`;
  }

  private readBackup(id: string): Backup | null {
    try {
      const raw = this.storage?.getItem(this.key(id));
      return raw ? (JSON.parse(raw) as Backup) : null;
    } catch {
      return null;
    }
  }

  private writeBackup(id: string, backup: Backup | null) {
    try {
      if (backup) this.storage?.setItem(this.key(id), JSON.stringify(backup));
      else this.storage?.removeItem(this.key(id));
    } catch {
      // Storage full or disabled: the draft still lives in memory.
    }
  }
}
