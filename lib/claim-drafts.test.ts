import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ClaimDraftStore,
  discardDraftsOf,
  draftKey,
  markSignedIn,
  normaliseFields,
  prepareSave,
  SIGNED_IN_KEY,
  unsavedDraftCount,
  type SaveClaimFn,
} from "@/lib/claim-drafts";
import { claimFieldsOf, type ClaimDto, type ClaimFields } from "@/lib/claims";

function claim(overrides: Partial<ClaimDto> = {}): ClaimDto {
  return {
    id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
    articleId: "a0000000-0000-4000-8000-000000000000",
    selectors: {
      quote: { type: "TextQuoteSelector", exact: "The vast majority", prefix: "", suffix: "" },
      position: { type: "TextPositionSelector", start: 0, end: 17 },
    },
    claimAsChecked: "The vast majority",
    claimant: "",
    verdict: null,
    rationale: "",
    status: "open",
    sources: [],
    version: 1,
    createdAt: "2024-11-01T00:00:00.000Z",
    createdByName: null,
    updatedAt: "2024-11-01T00:00:00.000Z",
    updatedByName: null,
    assigneeId: null,
    assigneeName: null,
    proposedBy: null,
    proposedByName: null,
    proposedAt: null,
    approvedByName: null,
    approvedAt: null,
    ...overrides,
  };
}

class MemoryStorage {
  data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
  removeItem = (k: string) => void this.data.delete(k);
  key = (i: number) => [...this.data.keys()][i] ?? null;
  get length() {
    return this.data.size;
  }
}

const RITA = "11111111-1111-4111-8111-111111111111";
const EDDIE = "22222222-2222-4222-8222-222222222222";
/** Where Rita's draft of a claim lives in storage. */
const ritasKey = (claimId: string) => draftKey(RITA, claimId);
/** A stored draft as the store writes it. */
const backup = (baseVersion: number, base: ClaimFields, fields: ClaimFields) =>
  JSON.stringify({ baseVersion, base: claimFieldsOf(base), fields: claimFieldsOf(fields), savedAt: "2024-11-01T10:00:00.000Z" });

/** A fake server holding one claim, with the same version rule as db/queries/claims.ts. */
function fakeServer(initial: ClaimDto) {
  let current = initial;
  let online = true;
  const save = vi.fn<SaveClaimFn>(async ({ baseVersion, fields }) => {
    if (!online) throw new TypeError("Failed to fetch");
    if (baseVersion !== current.version) return { ok: true, data: { status: "conflict", current } };
    current = { ...current, ...fields, version: current.version + 1 };
    return { ok: true, data: { status: "saved", claim: current } };
  });
  return {
    save,
    get current() {
      return current;
    },
    setOnline(value: boolean) {
      online = value;
    },
    saveFromElsewhere(fields: Partial<ClaimFields>) {
      current = { ...current, ...fields, version: current.version + 1, updatedByName: "Eddie Editor" };
    },
  };
}

describe("ClaimDraftStore", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves after a pause, once, with the latest text", async () => {
    const server = fakeServer(claim());
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null });
    const id = server.current.id;
    store.change(id, { rationale: "P" });
    store.change(id, { rationale: "Provinces elect their councils." });
    expect(store.get(id)?.status).toBe("pending");
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.save).toHaveBeenCalledTimes(1);
    expect(server.current.rationale).toBe("Provinces elect their councils.");
    expect(store.get(id)?.status).toBe("saved");
    expect(store.getSnapshot().unsaved).toBe(0);
  });

  it("keeps typed text through a network failure and saves it on retry", async () => {
    const server = fakeServer(claim());
    const storage = new MemoryStorage();
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null, storage, retryMs: [60_000] });
    const id = server.current.id;
    server.setOnline(false);
    store.change(id, { rationale: "Typed while offline" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.get(id)?.status).toBe("error");
    expect(store.get(id)?.draft.rationale).toBe("Typed while offline");
    expect(storage.getItem(ritasKey(id))).toContain("Typed while offline");

    server.setOnline(true);
    store.retry(id);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.get(id)?.status).toBe("saved");
    expect(server.current.rationale).toBe("Typed while offline");
    expect(storage.getItem(ritasKey(id))).toBeNull();
  });

  it("retries on its own with back-off", async () => {
    const server = fakeServer(claim());
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null, retryMs: [2000] });
    const id = server.current.id;
    server.setOnline(false);
    store.change(id, { claimant: "Ministry" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.get(id)?.status).toBe("error");
    server.setOnline(true);
    await vi.advanceTimersByTimeAsync(2500);
    expect(store.get(id)?.status).toBe("saved");
    expect(server.current.claimant).toBe("Ministry");
  });

  it("turns a stale save into a conflict and never overwrites", async () => {
    const server = fakeServer(claim());
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null });
    const id = server.current.id;
    server.saveFromElsewhere({ rationale: "Theirs" });
    store.change(id, { rationale: "Mine" });
    await vi.advanceTimersByTimeAsync(1000);
    const entry = store.get(id)!;
    expect(entry.status).toBe("conflict");
    expect(entry.conflict?.rationale).toBe("Theirs");
    expect(entry.draft.rationale).toBe("Mine");
    expect(server.current.rationale).toBe("Theirs");

    store.keepMine(id);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.get(id)?.status).toBe("saved");
    expect(server.current.rationale).toBe("Mine");
    expect(server.current.version).toBe(3);
  });

  it("takes the other version when asked", async () => {
    const server = fakeServer(claim());
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null });
    const id = server.current.id;
    server.saveFromElsewhere({ verdict: "false" });
    store.change(id, { verdict: "true" });
    await vi.advanceTimersByTimeAsync(1000);
    store.takeTheirs(id);
    expect(store.get(id)?.draft.verdict).toBe("false");
    expect(store.get(id)?.status).toBe("saved");
    expect(server.save).toHaveBeenCalledTimes(1);
  });

  it("does not send invalid sources and says which field is wrong", async () => {
    const server = fakeServer(claim());
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null });
    const id = server.current.id;
    const source = { id: "4f1c1ac2-3b0e-4f0e-9f65-1b7c9f0f7a11", url: "javascript:alert(1)", title: "", publisher: "", excerpt: "", stance: "supports" as const, accessedOn: null };
    store.change(id, { sources: [source] });
    await vi.advanceTimersByTimeAsync(1000);
    // Nothing valid changed, so nothing is sent; the bad value stays here, marked and counted.
    expect(server.save).not.toHaveBeenCalled();
    expect(store.get(id)?.status).toBe("saved");
    expect(store.get(id)?.fieldErrors?.["sources.0.url"]).toMatch(/http/);
    expect(store.getSnapshot().unsaved).toBe(1);
    store.change(id, { sources: [{ ...source, url: "https://www.reuters.com/world/middle-east/" }] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.get(id)?.status).toBe("saved");
    expect(server.current.sources[0]?.url).toBe("https://www.reuters.com/world/middle-east/");
  });

  it("saves again when the reviewer typed during a save", async () => {
    const server = fakeServer(claim());
    let release: () => void = () => {};
    const slowSave: SaveClaimFn = (input) => new Promise((resolve) => (release = () => resolve(server.save(input))));
    const store = new ClaimDraftStore([server.current], { save: slowSave, userId: RITA, place: () => null });
    const id = server.current.id;
    store.change(id, { rationale: "First" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.get(id)?.status).toBe("saving");
    store.change(id, { rationale: "First and second" });
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.get(id)?.status).toBe("pending");
    await vi.advanceTimersByTimeAsync(1000);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.current.rationale).toBe("First and second");
    expect(store.get(id)?.status).toBe("saved");
  });

  it("restores a draft left in storage by an earlier visit", async () => {
    const server = fakeServer(claim());
    const storage = new MemoryStorage();
    const id = server.current.id;
    storage.setItem(ritasKey(id), backup(1, server.current, { ...server.current, rationale: "Left unsaved" }));
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null, storage });
    store.restoreBackups();
    expect(store.get(id)?.draft.rationale).toBe("Left unsaved");
    await vi.advanceTimersByTimeAsync(10);
    expect(server.current.rationale).toBe("Left unsaved");
  });

  it("saves the rest of a claim while a new source has no URL yet, and keeps that source locally", async () => {
    const server = fakeServer(claim());
    const storage = new MemoryStorage();
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null, storage });
    const id = server.current.id;
    const blank = { id: "4f1c1ac2-3b0e-4f0e-9f65-1b7c9f0f7a11", url: "", title: "Interview notes", publisher: "", excerpt: "", stance: "supports" as const, accessedOn: null };
    store.change(id, { rationale: "Checked with the ministry.", sources: [blank] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.get(id)?.status).toBe("saved");
    expect(server.current.rationale).toBe("Checked with the ministry.");
    expect(server.current.sources).toEqual([]);
    expect(store.get(id)?.draft.sources).toHaveLength(1);
    expect(storage.getItem(ritasKey(id))).toContain("Interview notes");

    store.change(id, { sources: [{ ...blank, url: "https://gov.example/transcript" }] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.current.sources.map((s) => s.title)).toEqual(["Interview notes"]);
    expect(storage.getItem(ritasKey(id))).toBeNull();
  });

  it("stops retrying when someone deleted the claim, and keeps the text", async () => {
    const id = claim().id;
    const save: SaveClaimFn = vi.fn(async () => ({ ok: false as const, error: { code: "not_found:claim" as const, message: "gone" } }));
    const store = new ClaimDraftStore([claim()], { save, userId: RITA, place: () => null, retryMs: [10] });
    store.change(id, { rationale: "Still mine" });
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledTimes(1);
    expect(store.get(id)?.status).toBe("invalid");
    expect(store.get(id)?.error).toMatch(/deleted/);
    expect(store.get(id)?.draft.rationale).toBe("Still mine");
  });

  it("catches up with claims created, changed and deleted elsewhere, without touching local edits", () => {
    const a = claim();
    const b = claim({ id: "b7c9e667-7425-40de-944b-e07fc1f90ae7" });
    const c = claim({ id: "c7c9e667-7425-40de-944b-e07fc1f90ae7" });
    const store = new ClaimDraftStore([a, b, c], { save: vi.fn<SaveClaimFn>(), userId: RITA, place: (x) => x.id });
    store.change(c.id, { rationale: "local edit" });
    const created = claim({ id: "d7c9e667-7425-40de-944b-e07fc1f90ae7" });
    const result = store.sync([{ ...a, verdict: "false", version: 2 }, { ...c, rationale: "theirs", version: 2 }, created]);
    expect(result.changed.sort()).toEqual([a.id, created.id].sort());
    expect(result.removed).toEqual([b.id]);
    expect(store.get(a.id)?.draft.verdict).toBe("false");
    expect(store.get(c.id)?.draft.rationale).toBe("local edit");
    expect(store.get(created.id)?.placement).toBe(created.id);
    store.dispose();
  });

  it("settle() saves pending edits before a workflow move and waits for the save in flight", async () => {
    const server = fakeServer(claim());
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null });
    const id = server.current.id;
    store.change(id, { verdict: "false" });
    const settled = await store.settle(id);
    expect(settled?.status).toBe("saved");
    expect(server.current.verdict).toBe("false");
    expect(settled?.server.version).toBe(2);
  });

  it("applyServer() takes a moved claim as the new baseline and keeps unsaved edits, saved over it", async () => {
    const server = fakeServer(claim());
    const storage = new MemoryStorage();
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null, storage });
    const id = server.current.id;
    // An editor approves (version 2) while this tab has an unsaved edit.
    store.change(id, { claimant: "Typed meanwhile" });
    server.saveFromElsewhere({});
    const approved = { ...server.current, status: "approved" as const };
    store.applyServer(approved);
    expect(store.get(id)?.server.status).toBe("approved");
    expect(store.get(id)?.draft.claimant).toBe("Typed meanwhile");
    expect(JSON.parse(storage.getItem(ritasKey(id))!).baseVersion).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.get(id)?.status).toBe("saved");
    expect(server.current.claimant).toBe("Typed meanwhile");
    // An older claim never replaces a newer one.
    store.applyServer(claim({ version: 1, rationale: "old" }));
    expect(store.get(id)?.server.version).toBe(3);
  });

  it("a save that meets a newer version differing only in workflow (status, assignee) is saved again, not a conflict", async () => {
    const server = fakeServer(claim());
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null });
    const id = server.current.id;
    server.saveFromElsewhere({}); // e.g. an editor assigned the claim
    store.change(id, { rationale: "Mine" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.get(id)?.status).toBe("saved");
    expect(server.current.rationale).toBe("Mine");
    expect(server.save).toHaveBeenCalledTimes(2);
  });
});

const SOURCE_ID = "4f1c1ac2-3b0e-4f0e-9f65-1b7c9f0f7a11";
const NEW_SOURCE_ID = "5a2d2bd3-4c1f-4a1f-8a76-2c8d0a1a8b22";
const poll = { id: SOURCE_ID, url: "https://www.arabbarometer.org/", title: "Arab Barometer", publisher: "", excerpt: "", stance: "refutes" as const, accessedOn: null };

describe("drafts belong to their author", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("stores drafts under the signed-in user's key, and another user on the same browser neither sees nor sends them", async () => {
    const server = fakeServer(claim());
    const storage = new MemoryStorage();
    const id = server.current.id;
    server.setOnline(false);
    const rita = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null, storage, retryMs: [60_000] });
    rita.start();
    rita.change(id, { rationale: "Rita's unsaved notes" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(storage.getItem(draftKey(RITA, id))).toContain("Rita's unsaved notes");
    rita.dispose();

    // Eddie signs in on the same browser (Rita's session simply ended).
    server.setOnline(true);
    server.save.mockClear();
    const eddie = new ClaimDraftStore([server.current], { save: server.save, userId: EDDIE, place: () => null, storage });
    eddie.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(eddie.get(id)?.draft.rationale).toBe("");
    expect(eddie.get(id)?.status).toBe("saved");
    expect(eddie.getSnapshot().unsaved).toBe(0);
    expect(server.save).not.toHaveBeenCalled();
    expect(unsavedDraftCount(storage, EDDIE)).toBe(0);
    eddie.dispose();

    // Rita comes back: her draft is hers again, and is saved.
    const again = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null, storage });
    again.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(server.current.rationale).toBe("Rita's unsaved notes");
    expect(server.current.updatedByName).toBeNull();
    again.dispose();
  });

  it("drops legacy drafts stored without a user, without showing or sending them", async () => {
    const server = fakeServer(claim());
    const storage = new MemoryStorage();
    const id = server.current.id;
    storage.setItem(`claimdesk:draft:${id}`, JSON.stringify({ baseVersion: 1, fields: { ...server.current, rationale: "Whose is this?" } }));
    storage.setItem(draftKey(EDDIE, id), backup(1, server.current, { ...server.current, rationale: "Eddie's" }));
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null, storage });
    store.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.get(id)?.draft.rationale).toBe("");
    expect(server.save).not.toHaveBeenCalled();
    expect(storage.getItem(`claimdesk:draft:${id}`)).toBeNull();
    // Another user's draft is not legacy: it stays for them.
    expect(storage.getItem(draftKey(EDDIE, id))).toContain("Eddie's");
    store.dispose();
  });

  it("an unreadable stored draft is removed, not restored", () => {
    const server = fakeServer(claim());
    const storage = new MemoryStorage();
    const id = server.current.id;
    storage.setItem(draftKey(RITA, id), "{not json");
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null, storage });
    store.start();
    expect(store.get(id)?.status).toBe("saved");
    expect(storage.getItem(draftKey(RITA, id))).toBeNull();
    store.dispose();
  });

  it("signing out counts the user's unsaved drafts, then removes them and stops the open store from sending anything", async () => {
    const first = fakeServer(claim());
    const other = claim({ id: "b7c9e667-7425-40de-944b-e07fc1f90ae7" });
    const storage = new MemoryStorage();
    const id = first.current.id;
    // A draft of another article (another tab) and one in this store.
    storage.setItem(draftKey(RITA, other.id), backup(1, other, { ...other, claimant: "Elsewhere" }));
    storage.setItem(draftKey(EDDIE, other.id), backup(1, other, { ...other, claimant: "Eddie's" }));
    const store = new ClaimDraftStore([first.current], { save: first.save, userId: RITA, place: () => null, storage });
    store.start();
    store.change(id, { rationale: "Typed just before signing out" });
    expect(unsavedDraftCount(storage, RITA)).toBe(2);

    discardDraftsOf(storage, RITA);
    await vi.advanceTimersByTimeAsync(5000);
    expect(first.save).not.toHaveBeenCalled();
    expect(store.closed).toBe("discarded");
    expect(store.get(id)?.draft.rationale).toBe("");
    expect(store.getSnapshot().unsaved).toBe(0);
    expect(storage.getItem(draftKey(RITA, id))).toBeNull();
    expect(storage.getItem(draftKey(RITA, other.id))).toBeNull();
    expect(unsavedDraftCount(storage, RITA)).toBe(0);
    // Other people's drafts on this browser are theirs to keep.
    expect(storage.getItem(draftKey(EDDIE, other.id))).toContain("Eddie's");
  });

  it("a tab whose user signed out, or was replaced by another account, elsewhere stops before sending as them", async () => {
    const server = fakeServer(claim());
    const storage = new MemoryStorage();
    const id = server.current.id;
    server.setOnline(false);
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null, storage, retryMs: [2000] });
    store.start();
    expect(storage.getItem(SIGNED_IN_KEY)).toBe(RITA);
    store.change(id, { rationale: "Rita's" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.save).toHaveBeenCalledTimes(1);

    // Eddie signs in in another tab of this browser; the retry must not go out with his session.
    server.setOnline(true);
    markSignedIn(storage, EDDIE);
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.save).toHaveBeenCalledTimes(1);
    expect(server.current.rationale).toBe("");
    expect(store.closed).toBe("owner-changed");
    // Rita's draft waits for Rita.
    expect(storage.getItem(draftKey(RITA, id))).toContain("Rita's");
  });
});

describe("drafts compared with the server's normalised fields", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("normalises as the server's schema does: trimmed text, empty dates as none", () => {
    const fields = normaliseFields({ ...claim(), claimant: "  Ministry ", sources: [{ ...poll, title: " Arab Barometer  ", accessedOn: "" }] });
    expect(fields.claimant).toBe("Ministry");
    expect(fields.sources[0]).toMatchObject({ title: "Arab Barometer", accessedOn: null });
    // Invalid values are kept as typed.
    expect(normaliseFields({ ...claim(), sources: [{ ...poll, url: " javascript:alert(1)" }] }).sources[0]?.url).toBe(" javascript:alert(1)");
  });

  it("a trailing space leaves no draft behind once saved, and nothing is saved again on the next visit", async () => {
    const server = fakeServer(claim());
    const storage = new MemoryStorage();
    const id = server.current.id;
    // The real server trims: the fake does the same for this test.
    server.save.mockImplementation(async ({ baseVersion, fields }) => {
      const trimmed = { ...fields, claimant: fields.claimant.trim() };
      const current = server.current;
      if (baseVersion !== current.version) return { ok: true, data: { status: "conflict", current } };
      server.saveFromElsewhere(trimmed);
      return { ok: true, data: { status: "saved", claim: server.current } };
    });
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null, storage });
    store.start();
    store.change(id, { claimant: "Ministry " });
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.current.claimant).toBe("Ministry");
    expect(store.get(id)?.status).toBe("saved");
    // What the reviewer typed stays in the field (they may go on typing after the space)…
    expect(store.get(id)?.draft.claimant).toBe("Ministry ");
    // …but nothing is left in storage to replay.
    expect(storage.getItem(draftKey(RITA, id))).toBeNull();
    store.dispose();

    server.save.mockClear();
    const next = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null, storage });
    next.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.save).not.toHaveBeenCalled();
    expect(next.getSnapshot().unsaved).toBe(0);
    next.dispose();
  });

  it("a stored draft equal to the server once normalised is discarded, not saved", async () => {
    const server = fakeServer(claim({ claimant: "Ministry", sources: [poll] }));
    const storage = new MemoryStorage();
    const id = server.current.id;
    storage.setItem(draftKey(RITA, id), backup(1, server.current, { ...server.current, claimant: "Ministry  ", sources: [{ ...poll, title: "Arab Barometer " }] }));
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null, storage });
    store.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.save).not.toHaveBeenCalled();
    expect(store.get(id)?.status).toBe("saved");
    expect(store.get(id)?.draft.claimant).toBe("Ministry");
    expect(storage.getItem(draftKey(RITA, id))).toBeNull();
    store.dispose();
  });

  it("an edit undone before the pause ends sends nothing", async () => {
    const server = fakeServer(claim({ rationale: "As saved" }));
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null });
    const id = server.current.id;
    store.change(id, { rationale: "As saved, and more" });
    store.change(id, { rationale: "As saved" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.save).not.toHaveBeenCalled();
    expect(store.get(id)?.status).toBe("saved");
  });
});

describe("a draft older than the claim's current version asks first", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Rita typed a rationale on version 1 and left; Eddie then saved version 2 with a new verdict. */
  function staleSetup() {
    const v1 = claim({ rationale: "First notes", claimant: "Ministry" });
    const server = fakeServer(v1);
    server.saveFromElsewhere({ verdict: "false", claimant: "The ministry" });
    const storage = new MemoryStorage();
    storage.setItem(draftKey(RITA, v1.id), backup(1, v1, { ...v1, rationale: "Rita's rationale, never saved" }));
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null, storage });
    store.start();
    return { server, storage, store, id: v1.id };
  }

  it("neither replays nor drops it: the form shows the saved version and the question says what differs", async () => {
    const { server, storage, store, id } = staleSetup();
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.save).not.toHaveBeenCalled();
    const entry = store.get(id)!;
    expect(entry.status).toBe("stale");
    expect(entry.draft.rationale).toBe("First notes");
    expect(entry.stale).toMatchObject({ baseVersion: 1, mine: ["rationale"], theirs: ["claimant", "verdict"] });
    expect(entry.stale?.fields.rationale).toBe("Rita's rationale, never saved");
    expect(store.getSnapshot().unsaved).toBe(1);
    // Typing cannot overwrite the old draft before the reviewer answers.
    store.change(id, { rationale: "x" });
    expect(JSON.parse(storage.getItem(draftKey(RITA, id))!).fields.rationale).toBe("Rita's rationale, never saved");
  });

  it("“Restore my draft” puts the reviewer's changes over the current version and keeps what others changed", async () => {
    const { server, storage, store, id } = staleSetup();
    store.restoreStale(id);
    await vi.advanceTimersByTimeAsync(10);
    expect(server.current).toMatchObject({ version: 3, rationale: "Rita's rationale, never saved", verdict: "false", claimant: "The ministry" });
    expect(store.get(id)?.status).toBe("saved");
    expect(storage.getItem(draftKey(RITA, id))).toBeNull();
  });

  it("“Discard it” removes the draft and saves nothing", async () => {
    const { server, storage, store, id } = staleSetup();
    store.discardStale(id);
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.save).not.toHaveBeenCalled();
    expect(store.get(id)?.status).toBe("saved");
    expect(store.getSnapshot().unsaved).toBe(0);
    expect(storage.getItem(draftKey(RITA, id))).toBeNull();
  });

  it("an old draft whose changes are all saved already is dropped without asking", () => {
    const v1 = claim();
    const server = fakeServer(v1);
    server.saveFromElsewhere({ rationale: "Same words" });
    const storage = new MemoryStorage();
    storage.setItem(draftKey(RITA, v1.id), backup(1, v1, { ...v1, rationale: "Same words" }));
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null, storage });
    store.start();
    expect(store.get(v1.id)?.status).toBe("saved");
    expect(storage.getItem(draftKey(RITA, v1.id))).toBeNull();
  });
});

describe("one bad field never blocks the rest", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("prepareSave sends every valid field and the server's value in place of each invalid one", () => {
    const server = claim({ claimAsChecked: "Most fear Iran", sources: [poll] });
    const { fields, fieldErrors } = prepareSave(
      {
        ...server,
        claimAsChecked: "   ",
        rationale: "New rationale",
        sources: [
          { ...poll, url: "javascript:alert(1)", title: "Edited title" },
          { ...poll, id: NEW_SOURCE_ID, url: "not a url" },
        ],
      },
      server,
    );
    expect(fields.rationale).toBe("New rationale");
    expect(fields.claimAsChecked).toBe("Most fear Iran");
    // The edited source goes as last saved; the new invalid one not at all.
    expect(fields.sources).toEqual([poll]);
    expect(Object.keys(fieldErrors).sort()).toEqual(["claimAsChecked", "sources.0.url", "sources.1.url"]);
  });

  it("saves the rationale while an invalid source URL stays local, marked and counted, and survives a reload", async () => {
    const server = fakeServer(claim({ sources: [poll] }));
    const storage = new MemoryStorage();
    const id = server.current.id;
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null, storage });
    store.start();
    store.change(id, { sources: [{ ...poll, url: "javascript:alert(1)" }] });
    await vi.advanceTimersByTimeAsync(1000);
    store.change(id, { rationale: "Checked against the survey." });
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.current.rationale).toBe("Checked against the survey.");
    expect(server.current.sources).toEqual([poll]);
    expect(store.get(id)?.status).toBe("saved");
    expect(store.get(id)?.fieldErrors).toEqual({ "sources.0.url": "Enter a full web address starting with http:// or https://." });
    expect(store.get(id)?.draft.sources[0]?.url).toBe("javascript:alert(1)");
    expect(store.getSnapshot().unsaved).toBe(1);
    store.dispose();

    // Reload: the bad value comes back from storage, still marked, and nothing is sent for it.
    server.save.mockClear();
    const next = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null, storage });
    next.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.save).not.toHaveBeenCalled();
    expect(next.get(id)?.draft.sources[0]?.url).toBe("javascript:alert(1)");
    expect(next.get(id)?.fieldErrors?.["sources.0.url"]).toMatch(/http/);

    // Fixing it saves it.
    next.change(id, { sources: [{ ...poll, url: "https://www.arabbarometer.org/wave-viii" }] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.current.sources[0]?.url).toBe("https://www.arabbarometer.org/wave-viii");
    expect(next.get(id)?.fieldErrors).toBeUndefined();
    expect(next.getSnapshot().unsaved).toBe(0);
    expect(storage.getItem(draftKey(RITA, id))).toBeNull();
    next.dispose();
  });

  it("clearing the URL of a saved source keeps the saved source on the server", async () => {
    const server = fakeServer(claim({ sources: [poll] }));
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null });
    const id = server.current.id;
    store.change(id, { sources: [{ ...poll, url: "" }], rationale: "Looking for a better link" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.current.rationale).toBe("Looking for a better link");
    expect(server.current.sources).toEqual([poll]);
    expect(store.get(id)?.fieldErrors?.["sources.0.url"]).toMatch(/saved one is kept/);
  });

  it("a value the server refuses (a verdict taken off the scale) stays local while the rest is saved", async () => {
    const server = fakeServer(claim({ verdict: "true" }));
    const realSave = server.save.getMockImplementation()!;
    server.save.mockImplementation(async (input) =>
      input.fields.verdict === "retired"
        ? { ok: false, error: { code: "bad_request:claim", message: "Choose a verdict from the desk's scale.", fieldErrors: { verdict: "Choose a verdict from the desk's scale." } } }
        : realSave(input),
    );
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null });
    const id = server.current.id;
    store.change(id, { verdict: "retired", rationale: "Still worth saving" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.current).toMatchObject({ verdict: "true", rationale: "Still worth saving" });
    expect(store.get(id)?.status).toBe("saved");
    expect(store.get(id)?.fieldErrors).toEqual({ verdict: "Choose a verdict from the desk's scale." });
    expect(server.save).toHaveBeenCalledTimes(2);
    // It is not retried over and over.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.save).toHaveBeenCalledTimes(2);
  });

  it("a workflow move keeps the invalid value shown and stored, on the new version", () => {
    const server = fakeServer(claim({ sources: [poll] }));
    const storage = new MemoryStorage();
    const store = new ClaimDraftStore([server.current], { save: server.save, userId: RITA, place: () => null, storage });
    const id = server.current.id;
    store.change(id, { sources: [{ ...poll, url: "javascript:alert(1)" }] });
    server.saveFromElsewhere({});
    store.applyServer({ ...server.current, status: "verdict_proposed" as const });
    expect(store.get(id)?.draft.sources[0]?.url).toBe("javascript:alert(1)");
    expect(JSON.parse(storage.getItem(draftKey(RITA, id))!).baseVersion).toBe(2);
  });
});
