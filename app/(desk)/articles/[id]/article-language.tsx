"use client";

import { useRouter } from "next/navigation";
import { SaveOnChangeSelect } from "@/components/ui/save-on-change-select";
import { COMMON_LANGUAGES, languageName, UNDETERMINED } from "@/lib/language";
import { setArticleLanguageAction } from "./actions";

/**
 * Editors correct the language detected at import. Saved at once (like the
 * assignee); the page is refreshed so the article text's `lang` follows.
 */
export function ArticleLanguage({ articleId, language }: { articleId: string; language: string }) {
  const router = useRouter();
  const optionsFor = (value: string) =>
    [...new Set<string>([...COMMON_LANGUAGES, value])]
      .filter((tag) => tag !== UNDETERMINED)
      .map((tag) => ({ tag, name: languageName(tag) }))
      .sort((a, b) => a.name.localeCompare(b.name, "en"));

  return (
    <SaveOnChangeSelect
      label="Language"
      initial={language}
      className="w-auto min-w-40"
      save={async (next) => {
        const result = await setArticleLanguageAction({ articleId, language: next });
        if (!result.ok) return { ok: false, message: result.error.message };
        router.refresh();
        return { ok: true, value: result.data.language, message: `Language set to ${languageName(result.data.language)}.` };
      }}
    >
      {(value) => (
        <>
          {value === UNDETERMINED ? <option value={UNDETERMINED}>Not determined</option> : null}
          {optionsFor(value).map((o) => (
            <option key={o.tag} value={o.tag}>
              {o.name}
            </option>
          ))}
        </>
      )}
    </SaveOnChangeSelect>
  );
}
