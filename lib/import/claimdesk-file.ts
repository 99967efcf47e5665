/**
 * A Claimdesk JSON export uploaded on the import page is re-imported with its
 * claims (db/queries/article-transfer.ts) instead of being read as article
 * text. Light on purpose: the upload form uses it in the browser too.
 */
export function isClaimdeskJsonFile(filename: string): boolean {
  return /\.json$/i.test(filename.trim());
}

/**
 * Largest JSON export accepted. The article inside is still held to the 2 MB
 * of every import, but its claims, sources and document structure come on
 * top: the export of a 100,000-word article with 2,000 claims is about 3 MB,
 * and it must import again. The domain layer (db/queries/article-transfer.ts)
 * enforces this; the browser checks it before uploading.
 */
export const MAX_CLAIMDESK_JSON_BYTES = 10 * 1024 * 1024;
export const MAX_CLAIMDESK_JSON_LABEL = "10 MB";
