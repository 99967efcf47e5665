import { z } from "@/lib/zod";
import { claimFieldsOf, claimFieldsSchema, sourceSchema, type ClaimDto, type ClaimFields, type SaveClaimResult, type SourceDto } from "@/lib/claims";
import type { ActionResult } from "@/lib/errors";
import { SOURCE_STANCE_KEYS } from "@/lib/verdicts";

export type DraftStatus = "saved" | "pending" | "saving" | "error" | "invalid" | "conflict" | "stale";

/** A draft an earlier visit left in this browser, made on an older version of the claim: waits for the reviewer's choice. */
export type StaleDraft = {
  /** The version the draft was typed on, and its fields then (to tell the reviewer's changes from others'). */
  baseVersion: number;
  base: ClaimFields;
  fields: ClaimFields;
  /** When it was last typed (ISO). */
  savedAt: string;
  /** The fields the reviewer changed in the draft: what "Restore" puts back. */
  mine: (keyof ClaimFields)[];
  /** The fields others changed since the draft's version. */
  theirs: (keyof ClaimFields)[];
};

export type DraftEntry<P> = {
  /** The claim as last confirmed by the server. */
  server: ClaimDto;
  /** What the reviewer sees and types into. */
  draft: ClaimFields;
  status: DraftStatus;
  error?: string;
  /**
   * Values kept only in this browser, keyed by the draft's field paths (e.g.
   * `sources.2.url`), with the reason: they are not valid, so the server's
   * value is sent in their place while the rest of the claim saves.
   */
  fieldErrors?: Record<string, string>;
  /** The newer server version met on a conflicting save. */
  conflict?: ClaimDto;
  stale?: StaleDraft;
  /** Where the claim sits in the article, computed once when it enters the store. */
  placement: P;
};

/** Why a store stopped: its drafts were discarded at sign-out, or another account is now signed in in this browser. */
export type ClosedReason = "discarded" | "owner-changed";

export type DraftSnapshot<P> = { entries: ReadonlyMap<string, DraftEntry<P>>; unsaved: number; closed: ClosedReason | null };

export type SaveClaimFn = (input: { claimId: string; baseVersion: number; fields: ClaimFields }) => Promise<ActionResult<SaveClaimResult>>;

export type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

export type DraftStoreOptions<P> = {
  save: SaveClaimFn;
  place: (claim: ClaimDto) => P;
  /** The signed-in user (from the page's session): drafts in storage are theirs alone. */
  userId: string;
  /** Where unsaved drafts survive a reload or a closed tab (localStorage in the browser). */
  storage?: KeyValueStorage | null;
  debounceMs?: number;
  retryMs?: number[];
};

// ---------------------------------------------------------------- comparing fields as the server stores them

const TEXT_FIELDS = ["claimAsChecked", "claimant", "verdict", "rationale"] as const;
const FIELD_KEYS = [...TEXT_FIELDS, "sources"] as const;

const sourceKey = (s: SourceDto) => [s.id, s.url, s.title, s.publisher, s.excerpt, s.stance, s.accessedOn ?? null];
const valueKey = (key: keyof ClaimFields, value: ClaimFields[keyof ClaimFields]) =>
  JSON.stringify(key === "sources" ? (value as SourceDto[]).map(sourceKey) : (value ?? null));
const sourceSig = (s: SourceDto) => {
  const parsed = sourceSchema.safeParse(s);
  return JSON.stringify(sourceKey(parsed.success ? parsed.data : s));
};
const fieldsKey = (f: ClaimFields) => JSON.stringify(FIELD_KEYS.map((k) => valueKey(k, f[k])));

/**
 * The fields as the server would store them: each valid value through the
 * server's own zod schema (trimmed, `""` dates to null), invalid ones as typed.
 */
export function normaliseFields(fields: ClaimFields): ClaimFields {
  const out = claimFieldsOf(fields);
  for (const key of TEXT_FIELDS) {
    const parsed = claimFieldsSchema.shape[key].safeParse(fields[key]);
    if (parsed.success) (out as Record<string, unknown>)[key] = parsed.data;
  }
  out.sources = fields.sources.map((s) => {
    const parsed = sourceSchema.safeParse(s);
    return parsed.success ? parsed.data : { ...s };
  });
  return out;
}

/** Whether two sets of fields are the same once normalised as the server does (so a trailing space is no change). */
export const sameFields = (a: ClaimFields, b: ClaimFields) => fieldsKey(normaliseFields(a)) === fieldsKey(normaliseFields(b));

const sameField = (key: keyof ClaimFields, a: ClaimFields, b: ClaimFields) => {
  const na = normaliseFields(a);
  const nb = normaliseFields(b);
  return valueKey(key, na[key]) === valueKey(key, nb[key]);
};

/** The fields where `b` differs from `a`, normalised. */
export const changedFields = (a: ClaimFields, b: ClaimFields) => FIELD_KEYS.filter((k) => !sameField(k, a, b));

/** A source still without a URL is a draft: kept locally, not sent, and it does not hold back the rest of the claim. */
export const isDraftSource = (source: { url: string }) => source.url.trim() === "";

/** A value the server refused (e.g. a verdict no longer on the scale): kept local until the reviewer changes it. */
export type Rejected = ReadonlyMap<string, { value: string; message: string; path?: string }>;

export const SOURCE_NEEDS_URL = "A saved source needs a web address; the saved one is kept until you enter a new one.";

/**
 * What a draft can send now: every valid field, and the server's value in
 * place of each invalid one (an edited source that is invalid is sent as the
 * server last saved it; a new one is not sent yet). `fieldErrors` lists what
 * stays local and why, keyed by the draft's own field paths.
 */
export function prepareSave(draft: ClaimFields, server: ClaimFields, rejected: Rejected = new Map()): { fields: ClaimFields; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  const serverNorm = normaliseFields(server);
  const fields = claimFieldsOf(server);
  for (const key of TEXT_FIELDS) {
    const parsed = claimFieldsSchema.shape[key].safeParse(draft[key]);
    const refused = rejected.get(key);
    if (!parsed.success) fieldErrors[key] = parsed.error.issues[0]?.message ?? "Check this field.";
    else if (refused && refused.value === valueKey(key, parsed.data)) fieldErrors[key] = refused.message;
    // Equal to the server's once normalised: send the server's own value, so nothing changes.
    else if (valueKey(key, parsed.data) !== valueKey(key, serverNorm[key])) (fields as Record<string, unknown>)[key] = parsed.data;
  }

  const saved = new Map(server.sources.map((s, i) => [s.id, { raw: s, norm: serverNorm.sources[i]! }]));
  const sources: SourceDto[] = [];
  draft.sources.forEach((source, index) => {
    const onServer = saved.get(source.id);
    if (isDraftSource(source)) {
      if (onServer) {
        fieldErrors[`sources.${index}.url`] = SOURCE_NEEDS_URL;
        sources.push(onServer.raw);
      }
      return;
    }
    const parsed = sourceSchema.safeParse(source);
    const refused = rejected.get(`source:${source.id}`);
    if (parsed.success && !(refused && refused.value === JSON.stringify(sourceKey(parsed.data)))) {
      sources.push(onServer && JSON.stringify(sourceKey(onServer.norm)) === JSON.stringify(sourceKey(parsed.data)) ? onServer.raw : parsed.data);
      return;
    }
    if (parsed.success) fieldErrors[`sources.${index}.${refused!.path ?? "url"}`] = refused!.message;
    else for (const issue of parsed.error.issues) fieldErrors[`sources.${index}.${issue.path.join(".")}`] ??= issue.message;
    if (onServer) sources.push(onServer.raw);
  });
  // Limits that span sources (their number): keep the saved list until the draft fits.
  const whole = claimFieldsSchema.shape.sources.safeParse(sources);
  if (whole.success) fields.sources = sources;
  else fieldErrors.sources = whole.error.issues[0]?.message ?? "Check the sources.";
  return { fields, fieldErrors };
}

const nonEmpty = (errors: Record<string, string>) => (Object.keys(errors).length ? errors : undefined);

/** How many values of a claim are kept only in this browser because they are not valid. */
export const notSavedCount = (entry: Pick<DraftEntry<unknown>, "fieldErrors">) => (entry.fieldErrors ? Object.keys(entry.fieldErrors).length : 0);

/** Whether a claim holds anything the server does not have yet. */
export const isUnsaved = (entry: Pick<DraftEntry<unknown>, "status" | "fieldErrors">) => entry.status !== "saved" || notSavedCount(entry) > 0;

// ---------------------------------------------------------------- drafts in browser storage, per user

const PREFIX = "claimdesk:draft:";
/** Who the desk pages in this browser were last rendered for: tabs of another account stop saving. */
export const SIGNED_IN_KEY = "claimdesk:signed-in";

export const draftKey = (userId: string, claimId: string) => `${PREFIX}${userId}:${claimId}`;

const looseFields = z.object({
  claimAsChecked: z.string(),
  claimant: z.string(),
  verdict: z.string().nullable(),
  rationale: z.string(),
  sources: z.array(
    z.object({
      id: z.string(),
      url: z.string(),
      title: z.string(),
      publisher: z.string(),
      excerpt: z.string(),
      stance: z.enum(SOURCE_STANCE_KEYS),
      accessedOn: z.string().nullable(),
    }),
  ),
});
const backupSchema = z.object({ baseVersion: z.number().int(), base: looseFields, fields: looseFields, savedAt: z.string() });
type Backup = z.infer<typeof backupSchema>;

function storageKeys(storage: KeyValueStorage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key !== null) keys.push(key);
  }
  return keys;
}

function attempt<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    // Storage disabled, full or blocked: drafts still live in memory.
    return fallback;
  }
}

/**
 * Removes drafts stored before they were keyed by user (`claimdesk:draft:<claimId>`):
 * nobody can tell whose they are, so they are neither shown nor sent.
 */
export function dropLegacyDrafts(storage: KeyValueStorage | null | undefined) {
  if (!storage) return;
  attempt(() => {
    for (const key of storageKeys(storage)) if (key.startsWith(PREFIX) && !key.slice(PREFIX.length).includes(":")) storage.removeItem(key);
  }, undefined);
}

/** The claims with a draft of this user in storage. */
export function storedDraftIds(storage: KeyValueStorage | null | undefined, userId: string): string[] {
  if (!storage) return [];
  const own = `${PREFIX}${userId}:`;
  return attempt(() => storageKeys(storage).filter((k) => k.startsWith(own)).map((k) => k.slice(own.length)), []);
}

/** Records that the desk pages of this browser now belong to `userId` (called by every desk page). */
export function markSignedIn(storage: KeyValueStorage | null | undefined, userId: string) {
  if (!storage) return;
  attempt(() => {
    if (storage.getItem(SIGNED_IN_KEY) !== userId) storage.setItem(SIGNED_IN_KEY, userId);
  }, undefined);
  dropLegacyDrafts(storage);
}

const live = new Set<ClaimDraftStore<unknown>>();

/** How many claims hold changes of this user the server does not have (in storage or in an open article). */
export function unsavedDraftCount(storage: KeyValueStorage | null | undefined, userId: string): number {
  const ids = new Set(storedDraftIds(storage, userId));
  for (const store of live) if (store.userId === userId) for (const [id, e] of store.getSnapshot().entries) if (isUnsaved(e)) ids.add(id);
  return ids.size;
}

/**
 * At sign-out: stops the user's open stores (nothing more is sent or stored)
 * and removes their drafts from this browser; other tabs see the sign-out
 * through the `SIGNED_IN_KEY` marker and stop too.
 */
export function discardDraftsOf(storage: KeyValueStorage | null | undefined, userId: string) {
  for (const store of [...live]) if (store.userId === userId) store.close("discarded");
  if (!storage) return;
  attempt(() => {
    for (const id of storedDraftIds(storage, userId)) storage.removeItem(draftKey(userId, id));
    storage.setItem(SIGNED_IN_KEY, "");
  }, undefined);
}

// ---------------------------------------------------------------- the store

/**
 * Drafts and autosave for the claims of one article, framework-free so it can
 * be tested on its own. A change is kept in memory and in the user's storage
 * until the server confirms it; it is saved after a short pause, retried with
 * back-off when the network or server fails, and turned into a conflict
 * (never an overwrite) when someone else saved first. Invalid values never
 * hold back the valid ones: they stay local, marked, while the rest saves.
 */
export class ClaimDraftStore<P> {
  readonly userId: string;
  private snapshot: DraftSnapshot<P>;
  private readonly listeners = new Set<() => void>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Set<string>();
  /** Settles when the save in flight for a claim has returned (for `settle`). */
  private readonly saving = new Map<string, Promise<unknown>>();
  private readonly attempts = new Map<string, number>();
  /** Values the server refused, per claim, so they are not sent again. */
  private readonly rejected = new Map<string, Map<string, { value: string; message: string; path?: string }>>();
  private readonly save: SaveClaimFn;
  private readonly place: (claim: ClaimDto) => P;
  private readonly storage: KeyValueStorage | null;
  private readonly debounceMs: number;
  private readonly retryMs: number[];

  constructor(initial: ClaimDto[], options: DraftStoreOptions<P>) {
    this.save = options.save;
    this.place = options.place;
    this.userId = options.userId;
    this.storage = options.storage ?? null;
    this.debounceMs = options.debounceMs ?? 700;
    this.retryMs = options.retryMs ?? [2000, 5000, 10000, 30000];
    this.snapshot = {
      entries: new Map(initial.map((c) => [c.id, this.fresh(c)])),
      unsaved: 0,
      closed: null,
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

  get closed() {
    return this.snapshot.closed;
  }

  // ---- commands

  /** Takes the page over for its signed-in user and brings back their drafts from earlier visits. */
  start() {
    if (this.closed) return;
    live.add(this as ClaimDraftStore<unknown>);
    markSignedIn(this.storage, this.userId);
    this.restoreBackups();
  }

  /**
   * Restores drafts an earlier visit could not save (closed tab, lost
   * network): at once when they were typed on the current version, after
   * asking (`stale`) when the claim has changed since. A draft that equals
   * the server once normalised is dropped.
   */
  restoreBackups() {
    for (const [id, entry] of this.snapshot.entries) {
      const backup = this.readBackup(id);
      if (!backup) continue;
      if (sameFields(backup.fields, entry.server)) {
        this.writeBackup(id, null);
      } else if (backup.baseVersion === entry.server.version) {
        this.update(id, (e) => ({ ...e, draft: backup.fields, status: "pending" }));
        this.schedule(id, 0);
      } else {
        const mine = changedFields(backup.base, backup.fields).filter((k) => !sameField(k, backup.fields, entry.server));
        if (mine.length === 0) {
          // Everything the reviewer changed is already saved (by them elsewhere, or the same by someone else).
          this.writeBackup(id, null);
          continue;
        }
        const stale: StaleDraft = { ...backup, mine, theirs: changedFields(backup.base, entry.server) };
        this.update(id, (e) => ({ ...e, stale, status: "stale" }));
      }
    }
  }

  /** "Restore my draft": the reviewer's changed fields are put back over the current version and saved. */
  restoreStale(id: string) {
    this.update(id, (e) => {
      if (!e.stale) return e;
      const draft = claimFieldsOf(e.server);
      for (const key of e.stale.mine) (draft as Record<string, unknown>)[key] = claimFieldsOf(e.stale.fields)[key];
      this.writeBackupFor(id, draft, e.server);
      return { ...e, draft, stale: undefined, status: "pending" };
    });
    this.schedule(id, 0);
  }

  /** "Discard it": the old draft is removed from this browser; the claim stays as saved. */
  discardStale(id: string) {
    this.writeBackup(id, null);
    this.update(id, (e) => (e.stale ? { ...e, draft: claimFieldsOf(e.server), stale: undefined, status: "saved", fieldErrors: undefined } : e));
  }

  change(id: string, patch: Partial<ClaimFields>) {
    if (this.closed) return;
    this.update(id, (e) => {
      if (e.stale) return e; // the reviewer answers the question about the old draft first
      const draft = { ...e.draft, ...patch };
      this.writeBackupFor(id, draft, e.server);
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
    this.update(id, (e) => (e.conflict ? this.fresh(e.conflict, e.placement) : e));
  }

  add(claim: ClaimDto) {
    const entries = new Map(this.snapshot.entries);
    entries.set(claim.id, this.fresh(claim));
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
        entries.set(claim.id, this.fresh(claim));
        changed.push(claim.id);
      } else if ((entry.status === "saved" || entry.status === "stale") && claim.version > entry.server.version) {
        const draft = entry.status === "saved" ? this.keepLocal(entry, claim) : claimFieldsOf(claim);
        if (entry.status === "saved") this.writeBackupFor(claim.id, draft, claim);
        entries.set(claim.id, { ...entry, server: claim, draft });
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
    if (this.closed) return;
    const entry = this.get(id);
    if (!entry || entry.status === "conflict" || entry.status === "saved" || entry.status === "stale") return;
    if (this.inFlight.has(id)) return; // looked at again when the save in flight returns
    if (this.ownerChanged()) return;
    const { fields: sent, fieldErrors } = prepareSave(entry.draft, entry.server, this.rejected.get(id));
    if (!this.differsRaw(sent, entry.server)) {
      // Nothing valid to send: what differs stays local, marked beside its field.
      this.update(id, (e) => ({ ...e, status: "saved", error: undefined, fieldErrors: nonEmpty(fieldErrors) }));
      this.writeBackupFor(id, entry.draft, entry.server);
      return;
    }
    this.inFlight.add(id);
    this.update(id, (e) => ({ ...e, status: "saving", error: undefined, fieldErrors: nonEmpty(fieldErrors) }));
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
    if (this.closed) return;

    if (result.ok && result.data.status === "saved") {
      const saved = result.data.claim;
      this.attempts.delete(id);
      this.update(id, (e) => {
        const next = prepareSave(e.draft, saved, this.rejected.get(id));
        const done = !this.differsRaw(next.fields, saved);
        // Invalid values and draft sources live only here: keep the backup while the draft holds anything the server lacks.
        this.writeBackupFor(id, e.draft, saved);
        return { ...e, server: saved, status: done ? "saved" : "pending", error: undefined, fieldErrors: nonEmpty(next.fieldErrors) };
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
    const { code, message, fieldErrors: refused } = result.error;
    if (code === "not_found:claim") {
      this.update(id, (e) => ({ ...e, status: "invalid", error: "Someone deleted this claim. Your text is kept in this tab only: copy what you need." }));
      return;
    }
    if (code.startsWith("bad_request") && refused && this.reject(id, sent, refused)) {
      // The server refused some values (e.g. a verdict taken off the scale): keep them local and save the rest.
      this.update(id, (e) => ({ ...e, status: "pending", error: undefined }));
      this.schedule(id, 0);
      return;
    }
    if (code.startsWith("bad_request") || code.startsWith("forbidden")) {
      // Retrying cannot help: say why and wait for the reviewer to change something.
      this.update(id, (e) => ({ ...e, status: "invalid", error: message, fieldErrors: refused ?? e.fieldErrors }));
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
      if (e.status === "stale") return { ...e, server: claim, draft: claimFieldsOf(claim) };
      if (e.status === "saved") {
        const draft = this.keepLocal(e, claim);
        this.writeBackupFor(claim.id, draft, claim);
        return { ...e, server: claim, draft };
      }
      if (e.status === "conflict") return e.conflict && claim.version > e.conflict.version ? { ...e, conflict: claim } : e;
      if (!sameFields(claim, e.server)) return { ...e, status: "conflict", conflict: claim };
      this.writeBackupFor(claim.id, e.draft, claim);
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

  /**
   * Stops for good: nothing more is sent or written to storage, and the
   * drafts leave memory (the form shows the saved claims). Storage is left
   * as it is: at sign-out `discardDraftsOf` removes it; when another account
   * took over, the drafts wait there for their author.
   */
  close(reason: ClosedReason) {
    if (this.closed) return;
    this.dispose();
    const entries = new Map<string, DraftEntry<P>>();
    for (const [id, e] of this.snapshot.entries) entries.set(id, this.fresh(e.server, e.placement));
    this.snapshot = { entries, unsaved: 0, closed: reason };
    this.listeners.forEach((l) => l());
  }

  dispose() {
    live.delete(this as ClaimDraftStore<unknown>);
    this.timers.forEach(clearTimeout);
    this.timers.clear();
  }

  // ---- internals

  private fresh(claim: ClaimDto, placement?: P): DraftEntry<P> {
    return { server: claim, draft: claimFieldsOf(claim), status: "saved", placement: placement === undefined ? this.place(claim) : placement };
  }

  /**
   * A saved entry meeting a newer version (a workflow move, a colleague's
   * save): the new server fields, with what is still kept only here (invalid
   * values, draft sources) laid over them, so it is neither lost nor sent.
   */
  private keepLocal(entry: DraftEntry<P>, claim: ClaimDto): ClaimFields {
    const draft = claimFieldsOf(claim);
    const old = entry.server;
    for (const key of TEXT_FIELDS) if (!sameField(key, entry.draft, old)) (draft as Record<string, unknown>)[key] = entry.draft[key];
    if (!sameField("sources", entry.draft, old)) {
      const before = new Map(old.sources.map((s) => [s.id, sourceSig(s)]));
      const local = new Map(entry.draft.sources.filter((s) => before.get(s.id) !== sourceSig(s)).map((s) => [s.id, s]));
      const now = new Set(claim.sources.map((s) => s.id));
      draft.sources = [...claim.sources.map((s) => local.get(s.id) ?? s), ...[...local.values()].filter((s) => !now.has(s.id) && !before.has(s.id))];
    }
    return draft;
  }

  /** Sent fields differ from the server's in any byte (a save is needed even when only normalisation differs). */
  private differsRaw(sent: ClaimFields, server: ClaimFields) {
    return fieldsKey(sent) !== fieldsKey(claimFieldsOf(server));
  }

  /** Records the values the server refused in `sent`; false when nothing new was refused (so the save cannot loop). */
  private reject(id: string, sent: ClaimFields, refused: Record<string, string>): boolean {
    const map = this.rejected.get(id) ?? new Map();
    let added = false;
    for (const [rawPath, message] of Object.entries(refused)) {
      const path = rawPath.replace(/^fields\./, "");
      const key = path as (typeof TEXT_FIELDS)[number];
      if ((TEXT_FIELDS as readonly string[]).includes(path)) {
        const value = valueKey(key, sent[key]);
        if (map.get(key)?.value !== value) {
          map.set(key, { value, message });
          added = true;
        }
        continue;
      }
      const source = /^sources\.(\d+)\.(.+)$/.exec(path);
      const s = source ? sent.sources[Number(source[1])] : undefined;
      if (s) {
        const value = JSON.stringify(sourceKey(s));
        if (map.get(`source:${s.id}`)?.value !== value) {
          map.set(`source:${s.id}`, { value, message, path: source![2] });
          added = true;
        }
      }
    }
    this.rejected.set(id, map);
    return added;
  }

  /** Another account signed in (or this one signed out) in another tab: stop before anything is sent as them. */
  private ownerChanged(): boolean {
    const owner = this.storage ? attempt(() => this.storage!.getItem(SIGNED_IN_KEY), null) : null;
    if (owner === null || owner === this.userId) return false;
    this.close("owner-changed");
    return true;
  }

  private schedule(id: string, delay: number) {
    if (this.closed) return;
    clearTimeout(this.timers.get(id));
    this.timers.set(
      id,
      setTimeout(() => void this.flush(id), delay),
    );
  }

  private update(id: string, change: (e: DraftEntry<P>) => DraftEntry<P> | null) {
    if (this.closed) return;
    const current = this.snapshot.entries.get(id);
    if (!current) return;
    const next = change(current);
    if (next === current) return;
    const entries = new Map(this.snapshot.entries);
    if (next) entries.set(id, next);
    else entries.delete(id);
    this.publish(entries);
  }

  private publish(entries: Map<string, DraftEntry<P>>) {
    let unsaved = 0;
    for (const e of entries.values()) if (isUnsaved(e)) unsaved++;
    this.snapshot = { entries, unsaved, closed: this.snapshot?.closed ?? null };
    this.listeners.forEach((l) => l());
  }

  private readBackup(id: string): Backup | null {
    if (!this.storage) return null;
    const key = draftKey(this.userId, id);
    const raw = attempt(() => this.storage!.getItem(key), null);
    if (!raw) return null;
    const parsed = attempt(() => backupSchema.safeParse(JSON.parse(raw)), null);
    if (parsed?.success) return parsed.data;
    attempt(() => this.storage!.removeItem(key), undefined); // unreadable: it would fail the same way next time
    return null;
  }

  /** Keeps the draft in storage while it holds anything the server lacks; removes it otherwise. */
  private writeBackupFor(id: string, draft: ClaimFields, server: ClaimDto) {
    this.writeBackup(
      id,
      sameFields(draft, server) ? null : { baseVersion: server.version, base: claimFieldsOf(server), fields: draft, savedAt: new Date().toISOString() },
    );
  }

  private writeBackup(id: string, backup: Backup | null) {
    if (!this.storage || this.closed || this.ownerChangedQuietly()) return;
    const key = draftKey(this.userId, id);
    attempt(() => (backup ? this.storage!.setItem(key, JSON.stringify(backup)) : this.storage!.removeItem(key)), undefined);
  }

  private ownerChangedQuietly(): boolean {
    const owner = attempt(() => this.storage?.getItem(SIGNED_IN_KEY) ?? null, null);
    return owner !== null && owner !== this.userId;
  }
}
