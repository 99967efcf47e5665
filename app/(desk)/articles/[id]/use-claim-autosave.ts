"use client";

import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import { claimFieldsOf, claimFieldsSchema, type ClaimDto, type ClaimFields, type SaveClaimResult } from "@/lib/claims";
import type { ActionResult } from "@/lib/errors";

export type SaveStatus = "saved" | "pending" | "saving" | "error" | "invalid" | "conflict";

export type ClaimEntry = {
  /** The claim as last confirmed by the server. */
  server: ClaimDto;
  /** What the reviewer sees and types into. */
  draft: ClaimFields;
  status: SaveStatus;
  error?: string;
  fieldErrors?: Record<string, string>;
  /** The newer server version met on a conflicting save. */
  conflict?: ClaimDto;
};

type SaveAction = (input: unknown) => Promise<ActionResult<SaveClaimResult>>;

const DEBOUNCE_MS = 700;
const RETRY_MS = [2000, 5000, 10000, 30000];
const backupKey = (id: string) => `claimdesk:draft:${id}`;
const same = (a: ClaimFields, b: ClaimFields) => JSON.stringify(claimFieldsOf(a)) === JSON.stringify(claimFieldsOf(b));

type Backup = { baseVersion: number; fields: ClaimFields };

function readBackup(id: string): Backup | null {
  try {
    const raw = window.localStorage.getItem(backupKey(id));
    return raw ? (JSON.parse(raw) as Backup) : null;
  } catch {
    return null;
  }
}

function writeBackup(id: string, backup: Backup | null) {
  try {
    if (backup) window.localStorage.setItem(backupKey(id), JSON.stringify(backup));
    else window.localStorage.removeItem(backupKey(id));
  } catch {
    // Storage full or disabled: the draft still lives in memory.
  }
}

/**
 * Drafts and autosave for every claim of an article. Each change is kept in
 * memory and in localStorage until the server confirms it, saved after a short
 * pause, retried with back-off when the network or server fails, and turned
 * into a conflict (never an overwrite) when someone else saved first.
 */
export function useClaimAutosave(initial: ClaimDto[], save: SaveAction) {
  const entries = useRef<Map<string, ClaimEntry>>(new Map(initial.map((c) => [c.id, { server: c, draft: claimFieldsOf(c), status: "saved" }])));
  const [revision, bump] = useReducer((n: number) => n + 1, 0);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const inFlight = useRef(new Set<string>());
  const attempts = useRef(new Map<string, number>());

  const update = useCallback((id: string, change: (e: ClaimEntry) => ClaimEntry | null) => {
    const current = entries.current.get(id);
    if (!current) return;
    const next = change(current);
    const map = new Map(entries.current);
    if (next) map.set(id, next);
    else map.delete(id);
    entries.current = map;
    bump();
  }, []);

  const flushRef = useRef<(id: string) => void>(() => {});

  const schedule = useCallback((id: string, delay: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.set(
      id,
      setTimeout(() => flushRef.current(id), delay),
    );
  }, []);

  const flush = useCallback(
    async (id: string) => {
      clearTimeout(timers.current.get(id));
      const entry = entries.current.get(id);
      if (!entry || entry.status === "conflict" || entry.status === "saved") return;
      if (inFlight.current.has(id)) return; // re-checked when the save in flight returns
      const parsed = claimFieldsSchema.safeParse(entry.draft);
      if (!parsed.success) {
        const fieldErrors: Record<string, string> = {};
        for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".")] ??= issue.message;
        update(id, (e) => ({ ...e, status: "invalid", fieldErrors, error: "Not saved: fix the marked fields." }));
        return;
      }
      const sent = entry.draft;
      inFlight.current.add(id);
      update(id, (e) => ({ ...e, status: "saving", error: undefined, fieldErrors: undefined }));
      let result: ActionResult<SaveClaimResult>;
      try {
        result = await save({ claimId: id, baseVersion: entry.server.version, fields: sent });
      } catch {
        result = { ok: false, error: { code: "unavailable:database", message: "Not saved: the server could not be reached." } };
      } finally {
        inFlight.current.delete(id);
      }
      if (result.ok && result.data.status === "saved") {
        const saved = result.data.claim;
        attempts.current.delete(id);
        update(id, (e) => {
          const done = same(e.draft, sent);
          writeBackup(id, done ? null : { baseVersion: saved.version, fields: e.draft });
          return { ...e, server: saved, status: done ? "saved" : "pending", error: undefined, fieldErrors: undefined };
        });
        if (entries.current.get(id)?.status === "pending") schedule(id, DEBOUNCE_MS);
        return;
      }
      if (result.ok && result.data.status === "conflict") {
        const current = result.data.current;
        update(id, (e) => ({ ...e, status: "conflict", conflict: current, error: undefined }));
        return;
      }
      if (result.ok) return;
      const { code, message, fieldErrors } = result.error;
      if (code.startsWith("bad_request") || code.startsWith("forbidden") || code.startsWith("not_found")) {
        update(id, (e) => ({ ...e, status: code.startsWith("bad_request") ? "invalid" : "error", error: `Not saved: ${message}`, fieldErrors }));
        return;
      }
      // Transient (network, busy database, expired session): keep retrying.
      const n = attempts.current.get(id) ?? 0;
      attempts.current.set(id, n + 1);
      update(id, (e) => ({ ...e, status: "error", error: message }));
      schedule(id, RETRY_MS[Math.min(n, RETRY_MS.length - 1)]!);
    },
    [save, schedule, update],
  );
  useEffect(() => {
    flushRef.current = (id) => void flush(id);
  }, [flush]);

  // Restore drafts a previous visit could not save (closed tab, lost network).
  useEffect(() => {
    for (const [id, entry] of entries.current) {
      const backup = readBackup(id);
      if (!backup || same(backup.fields, entry.draft)) {
        if (backup) writeBackup(id, null);
        continue;
      }
      if (backup.baseVersion === entry.server.version) {
        update(id, (e) => ({ ...e, draft: backup.fields, status: "pending" }));
        schedule(id, 0);
      } else {
        update(id, (e) => ({ ...e, draft: backup.fields, status: "conflict", conflict: e.server }));
      }
    }
  }, [schedule, update]);

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  const changeDraft = useCallback(
    (id: string, patch: Partial<ClaimFields>) => {
      update(id, (e) => {
        const draft = { ...e.draft, ...patch };
        writeBackup(id, { baseVersion: e.server.version, fields: draft });
        return { ...e, draft, status: e.status === "conflict" ? "conflict" : "pending" };
      });
      schedule(id, DEBOUNCE_MS);
    },
    [schedule, update],
  );

  const retry = useCallback((id: string) => void flush(id), [flush]);

  const keepMine = useCallback(
    (id: string) => {
      update(id, (e) => (e.conflict ? { ...e, server: e.conflict, conflict: undefined, status: "pending" } : e));
      void flush(id);
    },
    [flush, update],
  );

  const takeTheirs = useCallback(
    (id: string) => {
      writeBackup(id, null);
      update(id, (e) => (e.conflict ? { server: e.conflict, draft: claimFieldsOf(e.conflict), status: "saved" } : e));
    },
    [update],
  );

  const add = useCallback((claim: ClaimDto) => {
    entries.current = new Map(entries.current).set(claim.id, { server: claim, draft: claimFieldsOf(claim), status: "saved" });
    bump();
  }, []);

  const remove = useCallback(
    (id: string) => {
      clearTimeout(timers.current.get(id));
      writeBackup(id, null);
      update(id, () => null);
    },
    [update],
  );

  const map = entries.current;
  const unsaved = useMemo(() => {
    void revision;
    let n = 0;
    for (const e of map.values()) if (e.status !== "saved") n++;
    return n;
  }, [map, revision]);

  // Leaving with unsaved changes asks first (the drafts are in localStorage too).
  useEffect(() => {
    if (unsaved === 0) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);

  return { entries: map, unsaved, changeDraft, retry, keepMine, takeTheirs, add, remove };
}
