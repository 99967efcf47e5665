"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { Input, Textarea } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { isClaimdeskJsonFile, MAX_CLAIMDESK_JSON_BYTES, MAX_CLAIMDESK_JSON_LABEL } from "@/lib/import/claimdesk-file";
import { MAX_ARTICLE_BYTES } from "@/lib/import/format";
import { formatDay, formatNumber, ISO_DATE_FORMAT } from "@/lib/format";
import { importArticleAction, previewUrlAction, type ImportState, type PreviewState } from "./actions";

type Preview = Extract<NonNullable<PreviewState>, { ok: true }>["data"];

const FORMATS = [
  { value: "text", label: "Plain text" },
  { value: "markdown", label: "Markdown" },
  { value: "html", label: "HTML" },
] as const;

const FIELD_LABELS: Record<string, string> = {
  url: "URL",
  title: "Title",
  sourceUrl: "Source URL",
  publisher: "Publisher",
  author: "Author",
  publishedOn: "Publication date",
  format: "Format",
  body: "Article body",
};

/** The summary above the form: which fields to fix, in the words of their labels. */
function errorSummary(message: string, fieldErrors: Record<string, string>): string {
  const fields = Object.keys(fieldErrors).filter((key) => key in FIELD_LABELS);
  if (!fields.length) return message;
  return `The article was not imported. ${fields.map((key) => `${FIELD_LABELS[key]}: ${fieldErrors[key]}`).join(" ")}`;
}

export function ImportForm() {
  const router = useRouter();
  const [state, setState] = useState<ImportState>(null);
  const [pending, startTransition] = useTransition();
  const [format, setFormat] = useState<(typeof FORMATS)[number]["value"]>("text");
  const fieldErrors = state && !state.ok ? (state.error.fieldErrors ?? {}) : {};
  // "Fetch": the page's article, held here until Import sends it back (the server keeps nothing between the two).
  const [preview, setPreview] = useState<Preview | null>(null);
  const [fetchError, setFetchError] = useState<string | null>(null);
  const [fetching, startFetch] = useTransition();
  /** Bumped on each fetch so the detail fields start again from the page's metadata. */
  const [fetchCount, setFetchCount] = useState(0);
  const urlRef = useRef<HTMLInputElement>(null);
  const previewRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (preview) previewRef.current?.focus();
  }, [preview]);

  function fetchPage() {
    const url = urlRef.current?.value.trim() ?? "";
    if (!url) {
      setFetchError("Enter the article's web address, starting with https://.");
      urlRef.current?.focus();
      return;
    }
    setFetchError(null);
    startFetch(async () => {
      let result: PreviewState;
      try {
        result = await previewUrlAction(url);
      } catch {
        result = { ok: false, error: { code: "internal", message: "Could not reach the server. Check your connection and try again." } };
      }
      if (result?.ok) {
        setPreview(result.data);
        setFetchCount((n) => n + 1);
        setState(null);
      } else {
        // The error sits under the field, which is its description: focus brings both to a screen reader.
        setFetchError(result?.error.fieldErrors?.url ?? result?.error.message ?? "The page could not be fetched.");
        urlRef.current?.focus();
      }
    });
  }
  // The form is taller than a screen and Import sits at its foot: after a
  // failure the summary at the top is focused, which scrolls it into view and
  // hands keyboard users the focus the disabled button dropped.
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state && !state.ok) alertRef.current?.focus();
  }, [state]);

  // Submitted by hand rather than through <form action>: React resets a form
  // after an action, and an import that failed must keep everything typed.
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    if (!preview && typeof data.get("url") === "string" && String(data.get("url")).trim() && !String(data.get("body") ?? "").trim() && !(data.get("file") instanceof File && (data.get("file") as File).size > 0)) {
      setFetchError("Press Fetch to read the page first, then check its details and import.");
      urlRef.current?.focus();
      return;
    }
    // Checked here too, so an oversized file is refused at once instead of being uploaded first.
    const file = data.get("file");
    const body = data.get("body");
    if (file instanceof File && isClaimdeskJsonFile(file.name)) {
      if (file.size > MAX_CLAIMDESK_JSON_BYTES) {
        setState({ ok: false, error: { code: "too_large:import", message: `The file is larger than ${MAX_CLAIMDESK_JSON_LABEL}. Export fewer claims (e.g. approved only) or split the article.` } });
        return;
      }
    } else if ((file instanceof File && file.size > MAX_ARTICLE_BYTES) || (typeof body === "string" && new Blob([body]).size > MAX_ARTICLE_BYTES)) {
      setState({ ok: false, error: { code: "too_large:import", message: "The article is larger than 2 MB. Split it or remove embedded material." } });
      return;
    }
    startTransition(async () => {
      try {
        const result = await importArticleAction(null, data);
        setState(result);
        if (result?.ok) router.push(`/articles/${result.data.id}`);
      } catch {
        setState({ ok: false, error: { code: "internal", message: "Could not reach the server. Check your connection and try again." } });
      }
    });
  }

  return (
    // method="post": submitted before the script has loaded, the article must
    // not end up in the address bar (and in server logs).
    <form method="post" onSubmit={onSubmit} className="grid gap-5" noValidate>
      {state && !state.ok ? (
        // scroll-mt: clear of the sticky header when focusing scrolls it into view.
        <Alert ref={alertRef} tabIndex={-1} className="scroll-mt-20">
          {errorSummary(state.error.message, fieldErrors)}
        </Alert>
      ) : null}
      <Card className="grid gap-4 p-5">
        <Field
          id="url"
          label="URL"
          error={fetchError ?? undefined}
          hint="The address of an article on the web. Claimdesk reads the page, keeps the article and leaves out the site around it (menus, related links, comments)."
        >
          <div className="flex flex-col gap-2 sm:flex-row">
            <Input
              ref={urlRef}
              id="url"
              name="url"
              type="url"
              inputMode="url"
              placeholder="https://"
              autoComplete="off"
              aria-invalid={!!fetchError}
              aria-describedby={fetchError ? "url-error" : "url-hint"}
              onKeyDown={(event) => {
                // Enter fetches the page; it must not import the form.
                if (event.key === "Enter") {
                  event.preventDefault();
                  fetchPage();
                }
              }}
            />
            <Button type="button" variant="secondary" onClick={fetchPage} disabled={fetching} className="shrink-0">
              {fetching ? "Fetching…" : "Fetch"}
            </Button>
          </div>
        </Field>
        {preview ? <PreviewPanel ref={previewRef} preview={preview} onDiscard={() => setPreview(null)} /> : null}
      </Card>
      <Card key={fetchCount} className="grid gap-4 p-5">
        <Field id="title" label="Title" error={fieldErrors.title} required>
          <Input id="title" name="title" required maxLength={300} defaultValue={preview?.title} aria-invalid={!!fieldErrors.title} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="sourceUrl" label="Source URL" error={fieldErrors.sourceUrl}>
            <Input id="sourceUrl" name="sourceUrl" type="url" placeholder="https://" defaultValue={preview?.sourceUrl} aria-invalid={!!fieldErrors.sourceUrl} />
          </Field>
          <Field id="publisher" label="Publisher" error={fieldErrors.publisher}>
            <Input id="publisher" name="publisher" maxLength={200} defaultValue={preview?.publisher} />
          </Field>
          <Field id="author" label="Author" error={fieldErrors.author}>
            <Input id="author" name="author" maxLength={200} defaultValue={preview?.author} />
          </Field>
          <Field id="publishedOn" label="Publication date" hint={`${ISO_DATE_FORMAT}, e.g. 2024-11-01`} error={fieldErrors.publishedOn}>
            <Input id="publishedOn" name="publishedOn" type="date" defaultValue={preview?.publishedOn} aria-invalid={!!fieldErrors.publishedOn} />
          </Field>
        </div>
      </Card>
      {preview ? (
        <>
          {/* The previewed article, sent back as an HTML import: the server sanitises and parses it again. */}
          <input type="hidden" name="format" value="html" />
          <input type="hidden" name="body" value={preview.html} />
        </>
      ) : (
        <Card className="grid gap-4 p-5">
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-700">Format of the pasted text</legend>
          <div className="flex flex-wrap gap-4">
            {FORMATS.map((f) => (
              <label key={f.value} className="flex items-center gap-2 text-sm">
                <input type="radio" name="format" value={f.value} checked={format === f.value} onChange={() => setFormat(f.value)} />
                {f.label}
              </label>
            ))}
          </div>
        </fieldset>
        <Field id="body" label="Article body" error={fieldErrors.body}>
          <Textarea id="body" name="body" rows={14} className="font-mono text-xs" />
        </Field>
        <Field
          id="file"
          label="Or upload a file"
          hint="A .txt, .md or .html file; its extension decides the format. It replaces the pasted text. A Claimdesk JSON export (.json) is imported with its own title, details and claims; the claims arrive as work to review, proposed by you, since approvals in a file do not count here."
        >
          <Input
            id="file"
            name="file"
            type="file"
            accept=".txt,.md,.markdown,.html,.htm,.json,text/plain,text/markdown,text/html,application/json"
            className="py-1"
          />
        </Field>
      </Card>
      )}
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? "Importing…" : "Import"}
        </Button>
      </div>
    </form>
  );
}

function PreviewPanel({ ref, preview, onDiscard }: { ref: React.Ref<HTMLElement>; preview: Preview; onDiscard: () => void }) {
  const details = [
    preview.author ? `By ${preview.author}` : null,
    preview.publisher || null,
    preview.publishedOn ? formatDay(preview.publishedOn) : null,
    `${formatNumber(preview.wordCount)} words`,
  ].filter(Boolean);
  return (
    <section ref={ref} tabIndex={-1} aria-labelledby="preview-heading" className="grid gap-3 rounded-md border border-line bg-slate-50 p-4 outline-none focus-visible:outline-2 focus-visible:outline-brand">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="preview-heading" className="text-xs font-semibold tracking-wide text-muted uppercase">
          Preview
        </h2>
        <Button type="button" variant="link" size="sm" className="h-auto px-0" onClick={onDiscard}>
          Discard and paste text instead
        </Button>
      </div>
      <p className="text-lg font-semibold leading-snug">{preview.title || "(no title on the page)"}</p>
      <p className="text-sm text-muted">{details.join(" · ")}</p>
      <p className="text-xs break-all text-muted">
        Source: <a className="underline" href={preview.sourceUrl} rel="noreferrer noopener" target="_blank">{preview.sourceUrl}</a>
      </p>
      <div className="grid gap-2 text-sm leading-relaxed">
        {preview.paragraphs.map((paragraph, i) => (
          <p key={i}>{paragraph}</p>
        ))}
      </div>
      <p className="text-xs text-muted">Check the details below and change any that the page got wrong, then import.</p>
    </section>
  );
}
