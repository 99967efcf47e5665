import { z } from "@/lib/zod";
import { httpUrlSchema, isoDateSchema } from "@/lib/validation";
import { MAX_CLAIMDESK_JSON_BYTES, MAX_CLAIMDESK_JSON_LABEL } from "./claimdesk-file";
import { MAX_ARTICLE_BYTES, VERSION_FORMATS } from "./format";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max} characters.`)
    .transform((v) => (v === "" ? null : v))
    .nullish()
    .transform((v) => v ?? null);

/** The fields of an article import (the import page and POST /api/v1/articles). */
export const importArticleShape = {
  title: z.string().trim().min(1, "Give the article a title.").max(300, "Keep the title under 300 characters."),
  sourceUrl: z.union([z.literal("").transform(() => null), httpUrlSchema]).nullish().transform((v) => v ?? null),
  publisher: optionalText(200),
  author: optionalText(200),
  publishedOn: z.union([z.literal("").transform(() => null), isoDateSchema]).nullish().transform((v) => v ?? null),
  format: z.enum(["text", "markdown", "html"], { message: "Choose plain text, Markdown or HTML." }),
  body: z.string().max(MAX_ARTICLE_BYTES * 2, "The article is larger than 2 MB. Split it or remove embedded material."),
};

export const importArticleSchema = z.object(importArticleShape);

/**
 * An import from a web address (POST /api/v1/articles with `url`): the page
 * gives the text and metadata; a field given here replaces the page's
 * (`null` or "" clears it). The title is the page's unless given.
 */
export const importFromUrlShape = {
  url: z.string({ message: "Enter the article's web address." }).trim().min(1, "Enter the article's web address.").pipe(httpUrlSchema),
  title: importArticleShape.title.optional(),
  sourceUrl: importArticleShape.sourceUrl,
  publisher: importArticleShape.publisher,
  author: importArticleShape.author,
  publishedOn: importArticleShape.publishedOn,
};

export const importFromUrlSchema = z.object(importFromUrlShape);
/** A revision's note (an edit in the editor, a version from outside). */
export const MAX_REVISION_NOTE_LENGTH = 1000;
export const revisionNoteSchema = z
  .string()
  .trim()
  .max(MAX_REVISION_NOTE_LENGTH, `Keep the note under ${MAX_REVISION_NOTE_LENGTH.toLocaleString("en-GB")} characters.`)
  .optional()
  .transform((v) => v ?? "");

/**
 * A new version of an article from outside (the workspace's "Bring in a new
 * version", POST /api/v1/articles/{id}/revisions, later "Refresh from URL"):
 * the same formats and size limit as an import, or a Claimdesk JSON export
 * (up to the size a JSON import takes; the 2 MB article limit still holds for
 * the article inside). `sourceUrl` says where the text was fetched from, when
 * it was.
 */
export const externalRevisionShape = {
  format: z.enum(VERSION_FORMATS, { message: "Choose plain text, Markdown, HTML or Claimdesk JSON." }),
  // The format's own limit is checked by the domain (db/queries/revisions.ts): 2 MB of article, or a JSON file.
  content: z
    .string({ message: "Give the new version's text." })
    .max(MAX_CLAIMDESK_JSON_BYTES, `The new version is larger than ${MAX_CLAIMDESK_JSON_LABEL}. Split the article or remove embedded material.`),
  note: revisionNoteSchema,
  sourceUrl: importArticleShape.sourceUrl,
};
