import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ClaimDraftStore, type SaveClaimFn } from "@/lib/claim-drafts";
import type { ClaimDto, ClaimFields } from "@/lib/claims";

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
}

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
    const store = new ClaimDraftStore([server.current], { save: server.save, place: () => null });
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
    const store = new ClaimDraftStore([server.current], { save: server.save, place: () => null, storage, retryMs: [60_000] });
    const id = server.current.id;
    server.setOnline(false);
    store.change(id, { rationale: "Typed while offline" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.get(id)?.status).toBe("error");
    expect(store.get(id)?.draft.rationale).toBe("Typed while offline");
    expect(storage.getItem(`claimdesk:draft:${id}`)).toContain("Typed while offline");

    server.setOnline(true);
    store.retry(id);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.get(id)?.status).toBe("saved");
    expect(server.current.rationale).toBe("Typed while offline");
    expect(storage.getItem(`claimdesk:draft:${id}`)).toBeNull();
  });

  it("retries on its own with back-off", async () => {
    const server = fakeServer(claim());
    const store = new ClaimDraftStore([server.current], { save: server.save, place: () => null, retryMs: [2000] });
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
    const store = new ClaimDraftStore([server.current], { save: server.save, place: () => null });
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
    const store = new ClaimDraftStore([server.current], { save: server.save, place: () => null });
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
    const store = new ClaimDraftStore([server.current], { save: server.save, place: () => null });
    const id = server.current.id;
    const source = { id: "4f1c1ac2-3b0e-4f0e-9f65-1b7c9f0f7a11", url: "javascript:alert(1)", title: "", publisher: "", excerpt: "", stance: "supports" as const, accessedOn: null };
    store.change(id, { sources: [source] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.save).not.toHaveBeenCalled();
    expect(store.get(id)?.status).toBe("invalid");
    expect(store.get(id)?.fieldErrors?.["sources.0.url"]).toMatch(/http/);
    store.change(id, { sources: [{ ...source, url: "https://www.reuters.com/world/middle-east/" }] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.get(id)?.status).toBe("saved");
    expect(server.current.sources[0]?.url).toBe("https://www.reuters.com/world/middle-east/");
  });

  it("saves again when the reviewer typed during a save", async () => {
    const server = fakeServer(claim());
    let release: () => void = () => {};
    const slowSave: SaveClaimFn = (input) => new Promise((resolve) => (release = () => resolve(server.save(input))));
    const store = new ClaimDraftStore([server.current], { save: slowSave, place: () => null });
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
    storage.setItem(`claimdesk:draft:${id}`, JSON.stringify({ baseVersion: 1, fields: { ...server.current, rationale: "Left unsaved" } }));
    const store = new ClaimDraftStore([server.current], { save: server.save, place: () => null, storage });
    store.restoreBackups();
    expect(store.get(id)?.draft.rationale).toBe("Left unsaved");
    await vi.advanceTimersByTimeAsync(10);
    expect(server.current.rationale).toBe("Left unsaved");
  });

  it("shows a conflict when the restored draft is older than the server's version", () => {
    const server = fakeServer(claim({ version: 3, rationale: "Newer" }));
    const storage = new MemoryStorage();
    const id = server.current.id;
    storage.setItem(`claimdesk:draft:${id}`, JSON.stringify({ baseVersion: 2, fields: { ...server.current, rationale: "Older draft" } }));
    const store = new ClaimDraftStore([server.current], { save: server.save, place: () => null, storage });
    store.restoreBackups();
    expect(store.get(id)?.status).toBe("conflict");
    expect(store.get(id)?.conflict?.rationale).toBe("Newer");
  });

  it("saves the rest of a claim while a new source has no URL yet, and keeps that source locally", async () => {
    const server = fakeServer(claim());
    const storage = new MemoryStorage();
    const store = new ClaimDraftStore([server.current], { save: server.save, place: () => null, storage });
    const id = server.current.id;
    const blank = { id: "4f1c1ac2-3b0e-4f0e-9f65-1b7c9f0f7a11", url: "", title: "Interview notes", publisher: "", excerpt: "", stance: "supports" as const, accessedOn: null };
    store.change(id, { rationale: "Checked with the ministry.", sources: [blank] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.get(id)?.status).toBe("saved");
    expect(server.current.rationale).toBe("Checked with the ministry.");
    expect(server.current.sources).toEqual([]);
    expect(store.get(id)?.draft.sources).toHaveLength(1);
    expect(storage.getItem(`claimdesk:draft:${id}`)).toContain("Interview notes");

    store.change(id, { sources: [{ ...blank, url: "https://gov.example/transcript" }] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.current.sources.map((s) => s.title)).toEqual(["Interview notes"]);
    expect(storage.getItem(`claimdesk:draft:${id}`)).toBeNull();
  });

  it("stops retrying when someone deleted the claim, and keeps the text", async () => {
    const id = claim().id;
    const save: SaveClaimFn = vi.fn(async () => ({ ok: false as const, error: { code: "not_found:claim" as const, message: "gone" } }));
    const store = new ClaimDraftStore([claim()], { save, place: () => null, retryMs: [10] });
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
    const store = new ClaimDraftStore([a, b, c], { save: vi.fn<SaveClaimFn>(), place: (x) => x.id });
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
    const store = new ClaimDraftStore([server.current], { save: server.save, place: () => null });
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
    const store = new ClaimDraftStore([server.current], { save: server.save, place: () => null, storage });
    const id = server.current.id;
    // An editor approves (version 2) while this tab has an unsaved edit.
    store.change(id, { claimant: "Typed meanwhile" });
    server.saveFromElsewhere({});
    const approved = { ...server.current, status: "approved" as const };
    store.applyServer(approved);
    expect(store.get(id)?.server.status).toBe("approved");
    expect(store.get(id)?.draft.claimant).toBe("Typed meanwhile");
    expect(JSON.parse(storage.getItem(`claimdesk:draft:${id}`)!).baseVersion).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.get(id)?.status).toBe("saved");
    expect(server.current.claimant).toBe("Typed meanwhile");
    // An older claim never replaces a newer one.
    store.applyServer(claim({ version: 1, rationale: "old" }));
    expect(store.get(id)?.server.version).toBe(3);
  });

  it("a save that meets a newer version differing only in workflow (status, assignee) is saved again, not a conflict", async () => {
    const server = fakeServer(claim());
    const store = new ClaimDraftStore([server.current], { save: server.save, place: () => null });
    const id = server.current.id;
    server.saveFromElsewhere({}); // e.g. an editor assigned the claim
    store.change(id, { rationale: "Mine" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.get(id)?.status).toBe("saved");
    expect(server.current.rationale).toBe("Mine");
    expect(server.save).toHaveBeenCalledTimes(2);
  });
});
