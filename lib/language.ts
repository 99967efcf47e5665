/**
 * The article's language: a BCP 47 tag ("ar", "en", "und" when nobody can
 * tell), detected at import (lib/language-detect.ts) and editable by editors.
 * Used for `lang` in the editor, the published page and the HTML export,
 * `inLanguage` in ClaimReview and `language` in the Web Annotations. No
 * dependencies: the article page's Language control imports it.
 */
import { z } from "@/lib/zod";

export const UNDETERMINED = "und";

/** A BCP 47 tag as browsers and schema.org read it: canonical case ("pt-BR", "zh-Hant"), or null. */
export function canonicalLanguageTag(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed.toLowerCase() === UNDETERMINED) return UNDETERMINED;
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(trimmed)) return null;
  try {
    return Intl.getCanonicalLocales(trimmed)[0] ?? null;
  } catch {
    return null;
  }
}

export const languageTagSchema = z
  .string()
  .max(35)
  .transform((value, ctx) => {
    const tag = canonicalLanguageTag(value);
    if (!tag) {
      ctx.addIssue({ code: "custom", message: "Choose a language from the list, or give a language tag such as “ar” or “pt-BR”." });
      return z.NEVER;
    }
    return tag;
  });

/** Languages offered in the article's Language control (any other tag an article has is offered too). */
export const COMMON_LANGUAGES = [
  "ar", "bn", "de", "el", "en", "es", "fa", "fr", "he", "hi", "id", "it", "ja", "ko", "ms", "nl", "pl", "ps", "pt",
  "ro", "ru", "sv", "sw", "th", "tr", "uk", "ur", "vi", "zh",
] as const;

/** "Arabic", "English"; "Not determined" for und; the tag itself when the runtime has no name for it. */
export function languageName(tag: string): string {
  if (tag === UNDETERMINED) return "Not determined";
  try {
    return new Intl.DisplayNames(["en"], { type: "language", fallback: "code" }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The `lang` attribute for text in this language; undefined for "und" (nothing is better than a guess). */
export function langAttribute(tag: string | null | undefined): string | undefined {
  return tag && tag !== UNDETERMINED ? tag : undefined;
}
