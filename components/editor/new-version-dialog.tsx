"use client";

import { FileInput, RefreshCw } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { QuoteDiff } from "@/components/claims/recheck-list";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { Input, Textarea } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { isClaimdeskJsonFile, MAX_CLAIMDESK_JSON_BYTES, MAX_CLAIMDESK_JSON_LABEL } from "@/lib/import/claimdesk-file";
import { decodeUpload, detectFormat, ImportError, MAX_ARTICLE_BYTES, type VersionFormat } from "@/lib/import/format";

export type NewVersionInput = { format: VersionFormat; content: string; note: string; /** Where the text was fetched from (Refresh from URL), while it is unchanged. */ sourceUrl?: string };

/** What Refresh from URL brought back: the page's article as HTML, or why not. */
export type FetchedVersion = { content: string; sourceUrl: string } | { error: string };

/** What saving the version would do, as the server computed it (nothing written yet). */
export type NewVersionPreview = {
  baseRevision: number;
  number: number;
  words: { added: number; removed: number };
  counts: { unchanged: number; changed: number; orphaned: number };
  claims: { id: string; state: "unchanged" | "changed" | "orphaned"; quote: string; newText: string }[];
  /** A Claimdesk JSON: the claims in the file, which are not brought in. */
  fileClaims?: number;
};

const FORMATS: { value: VersionFormat; label: string }[] = [
  { value: "text", label: "Plain text" },
  { value: "markdown", label: "Markdown" },
  { value: "html", label: "HTML" },
  { value: "claimdesk-json", label: "Claimdesk JSON" },
];

/** Said whenever the format is Claimdesk JSON, before and after the preview. */
const JSON_CLAIMS_LEFT_OUT =
  "Only the article text in the file becomes the new revision. The file's claims are not brought into this article: this article's own claims follow the text. To work on the file's claims, import the file as a new article instead.";

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** The "Bring in a new version" button (editors and admins), beside Edit text. */
export function NewVersionButton({ onOpen, disabled }: { onOpen: () => void; disabled?: boolean }) {
  return (
    <Button variant="secondary" onClick={onOpen} disabled={disabled}>
      <FileInput aria-hidden />
      Bring in a new version
    </Button>
  );
}

/**
 * A new version of the article from outside: pasted or uploaded (.txt, .md,
 * .html, the import page's detection), previewed (words added and removed,
 * which claims keep their words, which go to Needs re-check) and only then
 * saved as the next revision. What was typed stays while the dialog is open,
 * whatever the server answers.
 */
export function NewVersionDialog({
  open,
  revision,
  busy,
  error,
  preview,
  onOpenChange,
  onPreview,
  onSave,
  onInputChange,
  sourceUrl,
  onFetchFromUrl,
}: {
  open: boolean;
  /** The revision the page shows (the one the new version replaces). */
  revision: number;
  busy: "preview" | "save" | null;
  error: string | null;
  /** The preview of exactly the input shown, or null (any change to the input drops it: see onInputChange). */
  preview: NewVersionPreview | null;
  onOpenChange: (open: boolean) => void;
  onPreview: (input: NewVersionInput) => void;
  onSave: (input: NewVersionInput) => void;
  onInputChange: () => void;
  /** The article's source URL, when it has one: Refresh from URL fetches it again. */
  sourceUrl: string | null;
  onFetchFromUrl: () => Promise<FetchedVersion>;
}) {
  const [format, setFormat] = useState<VersionFormat>("text");
  const [content, setContent] = useState("");
  const [note, setNote] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [fetched, setFetched] = useState<{ content: string; sourceUrl: string } | null>(null);
  const [fetching, setFetching] = useState(false);
  const [fetchError, setFetchError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLElement>(null);
  const input: NewVersionInput = { format, content, note, ...(fetched && fetched.content === content && format === "html" ? { sourceUrl: fetched.sourceUrl } : {}) };

  async function refreshFromUrl() {
    setFetching(true);
    setFetchError(null);
    const result = await onFetchFromUrl();
    setFetching(false);
    if ("error" in result) return setFetchError(result.error);
    setFormat("html");
    setContent(result.content);
    setFileName(null);
    setFetched(result);
    onInputChange();
  }

  // The preview takes the focus when it arrives, so a keyboard or screen-reader user hears what will happen.
  useEffect(() => {
    if (preview) summaryRef.current?.focus();
  }, [preview]);

  const changed = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    onInputChange();
  };

  async function onFile(file: File | undefined) {
    setFileError(null);
    if (!file) return;
    if (isClaimdeskJsonFile(file.name)) {
      if (file.size > MAX_CLAIMDESK_JSON_BYTES) return setFileError(`The file is larger than ${MAX_CLAIMDESK_JSON_LABEL}. Export fewer claims (e.g. approved only) or split the article.`);
      try {
        const text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
        setFormat("claimdesk-json");
        setContent(text);
        setFileName(file.name);
        onInputChange();
      } catch {
        setFileError("This file cannot be read as text. Choose a file exported from Claimdesk as “JSON”.");
      }
      return;
    }
    const detected = detectFormat(file.name);
    if (!detected) return setFileError("Upload a .txt, .md, .html or Claimdesk .json file.");
    if (file.size > MAX_ARTICLE_BYTES) return setFileError("The file is larger than 2 MB. Split the article or remove embedded material.");
    try {
      const text = decodeUpload(new Uint8Array(await file.arrayBuffer()));
      setFormat(detected);
      setContent(text);
      setFileName(file.name);
      onInputChange();
    } catch (e) {
      setFileError(e instanceof ImportError ? e.message : "This file cannot be read. Save it as a UTF-8 .txt, .md or .html file and try again.");
    }
  }

  const recheck = preview ? preview.claims.filter((c) => c.state !== "unchanged") : [];

  return (
    <Dialog open={open} onOpenChange={(next) => (busy === "save" && !next ? undefined : onOpenChange(next))}>
      <DialogContent className="w-[min(96vw,48rem)]">
        <DialogTitle>Bring in a new version</DialogTitle>
        <DialogDescription>
          {sourceUrl ? "Fetch the article again from its URL, or paste or upload its new text." : "Paste or upload the new text of this article."} It becomes revision {revision + 1}; every claim follows its words, and claims whose words changed or are
          gone are listed under Needs re-check. Preview first: nothing is saved until you confirm.
        </DialogDescription>
        {sourceUrl ? (
          <div className="grid gap-1 rounded-md border border-line bg-slate-50 p-3 text-sm">
            <div className="flex flex-wrap items-center gap-3">
              <Button variant="secondary" onClick={() => void refreshFromUrl()} disabled={fetching || busy !== null}>
                <RefreshCw aria-hidden />
                {fetching ? "Fetching…" : "Refresh from URL"}
              </Button>
              <span className="min-w-0 break-all text-slate-600">{sourceUrl}</span>
            </div>
            {fetched && !fetchError ? <p className="text-xs text-slate-600">Fetched the article from {fetched.sourceUrl}. Preview it to see what changed since revision {revision}.</p> : null}
            {fetchError ? (
              <p role="alert" className="text-xs text-red-700">
                {fetchError}
              </p>
            ) : null}
          </div>
        ) : null}
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-700">Format of the new version</legend>
          <div className="flex flex-wrap gap-4">
            {FORMATS.map((f) => (
              <label key={f.value} className="flex items-center gap-2 text-sm">
                <input type="radio" name="new-version-format" value={f.value} checked={format === f.value} onChange={() => changed(setFormat)(f.value)} />
                {f.label}
              </label>
            ))}
          </div>
        </fieldset>
        <Field id="new-version-content" label="New version">
          <Textarea
            id="new-version-content"
            rows={10}
            className="font-mono text-xs"
            value={content}
            onChange={(e) => changed(setContent)(e.target.value)}
            placeholder="Paste the article's new text here"
          />
        </Field>
        <Field
          id="new-version-file"
          label="Or upload a file"
          hint={
            fileName
              ? `Read from ${fileName}; its extension set the format.`
              : "A .txt, .md or .html file, or a Claimdesk JSON export (.json); its extension sets the format. Its text replaces what is pasted above."
          }
          error={fileError ?? undefined}
        >
          <Input
            id="new-version-file"
            type="file"
            accept=".txt,.md,.markdown,.html,.htm,.json,text/plain,text/markdown,text/html,application/json"
            className="py-1"
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
        </Field>
        <Field id="new-version-note" label="Note (optional)">
          <Input id="new-version-note" value={note} maxLength={1000} onChange={(e) => changed(setNote)(e.target.value)} placeholder="Where this version comes from, what changed" />
        </Field>
        {format === "claimdesk-json" ? (
          <Alert tone="info">
            {preview?.fileClaims !== undefined
              ? `The file holds ${plural(preview.fileClaims, "claim", "claims")}; ${preview.fileClaims === 1 ? "it is" : "they are"} not brought in. `
              : null}
            {JSON_CLAIMS_LEFT_OUT}
          </Alert>
        ) : null}
        {error ? <Alert>{error}</Alert> : null}
        {preview ? (
          <section ref={summaryRef} tabIndex={-1} aria-labelledby="new-version-preview" className="grid gap-2 rounded-md border border-line bg-slate-50 p-3 text-sm outline-none">
            <h3 id="new-version-preview" className="font-semibold">
              Preview of revision {preview.number}
            </h3>
            <p>
              {plural(preview.words.added, "word", "words")} added, {plural(preview.words.removed, "word", "words")} removed.
            </p>
            <ul className="grid gap-0.5">
              <li>{plural(preview.counts.unchanged, "claim keeps its words", "claims keep their words")} (unchanged)</li>
              <li>{plural(preview.counts.changed, "claim needs", "claims need")} a re-check: its words changed</li>
              <li>{plural(preview.counts.orphaned, "claim is", "claims are")} orphaned: its words are gone</li>
            </ul>
            {recheck.length ? (
              <ul aria-label="Claims that would need a re-check" className="grid max-h-56 gap-2 overflow-y-auto">
                {recheck.map((c) => (
                  <li key={c.id} className="rounded-md border border-amber-300 bg-amber-50 px-2 py-1">
                    <p className="text-xs font-medium text-amber-900">{c.state === "changed" ? "Text changed" : "Orphaned"}</p>
                    {c.state === "changed" ? (
                      <QuoteDiff oldText={c.quote} newText={c.newText} testId="new-version-diff" />
                    ) : (
                      <p className="font-serif text-slate-800">
                        <span className="sr-only">Old quote: </span>
                        <del className="bg-red-100 text-red-900">“{c.quote}”</del>
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        ) : null}
        {/* Kept in sight at the foot of the dialog: on a phone the preview fills the screen. */}
        <div className="sticky -bottom-6 -mx-6 -mb-6 flex flex-wrap justify-end gap-2 border-t border-line bg-white px-6 py-3">
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={busy === "save"}>
            Cancel
          </Button>
          <Button variant={preview ? "secondary" : "default"} onClick={() => onPreview(input)} disabled={busy !== null}>
            {busy === "preview" ? "Previewing…" : "Preview"}
          </Button>
          {preview ? (
            <Button onClick={() => onSave(input)} disabled={busy !== null}>
              {busy === "save" ? "Saving…" : `Save as revision ${preview.number}`}
            </Button>
          ) : null}
        </div>
      </DialogContent>
    </Dialog>
  );
}
