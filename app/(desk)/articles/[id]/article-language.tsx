"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { NativeSelect } from "@/components/ui/input";
import { COMMON_LANGUAGES, languageName, UNDETERMINED } from "@/lib/language";
import { setArticleLanguageAction } from "./actions";

/**
 * Editors correct the language detected at import. Saved at once (like the
 * assignee); the page is refreshed so the article text's `lang` follows.
 */
export function ArticleLanguage({ articleId, language }: { articleId: string; language: string }) {
  const id = useId();
  const router = useRouter();
  const [value, setValue] = useState(language);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const options = [...new Set<string>([...COMMON_LANGUAGES, value])]
    .filter((tag) => tag !== UNDETERMINED)
    .map((tag) => ({ tag, name: languageName(tag) }))
    .sort((a, b) => a.name.localeCompare(b.name, "en"));

  const change = async (next: string) => {
    const previous = value;
    setValue(next);
    setBusy(true);
    setMessage(null);
    try {
      const result = await setArticleLanguageAction({ articleId, language: next });
      if (!result.ok) {
        setValue(previous);
        setMessage({ error: true, text: result.error.message });
      } else {
        setValue(result.data.language);
        setMessage({ error: false, text: `Language set to ${languageName(result.data.language)}.` });
        router.refresh();
      }
    } catch {
      setValue(previous);
      setMessage({ error: true, text: "Could not reach the server. Nothing was changed; try again." });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label htmlFor={id} className="font-medium text-slate-700">
        Language
      </label>
      <NativeSelect id={id} value={value} disabled={busy} onChange={(e) => void change(e.target.value)} className="w-auto min-w-40">
        {value === UNDETERMINED ? <option value={UNDETERMINED}>Not determined</option> : null}
        {options.map((o) => (
          <option key={o.tag} value={o.tag}>
            {o.name}
          </option>
        ))}
      </NativeSelect>
      <span aria-live="polite" className={message?.error ? "text-xs text-red-700" : "text-xs text-green-800"}>
        {message?.text ?? ""}
      </span>
    </div>
  );
}
