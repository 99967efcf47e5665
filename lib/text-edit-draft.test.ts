import { describe, expect, it } from "vitest";
import { clearTextEdit, loadTextEdit, storeTextEdit, textEditKey, type TextEditDraft } from "@/lib/text-edit-draft";

function memoryStorage(fail = false) {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (fail) throw new Error("QuotaExceededError");
      map.set(k, v);
    },
    removeItem: (k: string) => void map.delete(k),
    key: (i: number) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
  };
}

const draft: TextEditDraft = {
  userId: "u1",
  articleId: "a1",
  baseRevision: 2,
  steps: [{ stepType: "replace", from: 1, to: 1, slice: { content: [{ type: "text", text: "New. " }] } }],
  note: "typo",
  text: "New. Old text.",
  savedAt: "2026-12-01T10:00:00.000Z",
};

describe("text edit drafts", () => {
  it("keep an unsaved edit with its base revision until cleared", () => {
    const storage = memoryStorage();
    expect(storeTextEdit(storage, draft)).toBe(true);
    expect(loadTextEdit(storage, "a1", "u1")).toEqual(draft);
    clearTextEdit(storage, "a1");
    expect(loadTextEdit(storage, "a1", "u1")).toBeNull();
  });

  it("are only ever given back to the account and article that made them", () => {
    const storage = memoryStorage();
    storeTextEdit(storage, draft);
    expect(loadTextEdit(storage, "a1", "someone-else")).toBeNull();
    storage.map.set(textEditKey("a2"), storage.map.get(textEditKey("a1"))!);
    expect(loadTextEdit(storage, "a2", "u1")).toBeNull();
  });

  it("ignore damaged entries and report a storage that refuses", () => {
    const storage = memoryStorage();
    storage.map.set(textEditKey("a1"), "{not json");
    expect(loadTextEdit(storage, "a1", "u1")).toBeNull();
    storage.map.set(textEditKey("a1"), JSON.stringify({ v: 1, ...draft, baseRevision: "two" }));
    expect(loadTextEdit(storage, "a1", "u1")).toBeNull();
    expect(storeTextEdit(memoryStorage(true), draft)).toBe(false);
    expect(storeTextEdit(null, draft)).toBe(false);
  });
});
