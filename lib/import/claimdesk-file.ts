/**
 * A Claimdesk JSON export uploaded on the import page is re-imported with its
 * claims (db/queries/article-transfer.ts) instead of being read as article
 * text. Light on purpose: the upload form uses it in the browser too.
 */
export function isClaimdeskJsonFile(filename: string): boolean {
  return /\.json$/i.test(filename.trim());
}

/**
 * Largest JSON export accepted: the same 2 MB as every import (the domain
 * layer, db/queries/article-transfer.ts, enforces it; this copy lets the
 * browser refuse a big file before uploading it).
 */
export const MAX_CLAIMDESK_JSON_BYTES = 2 * 1024 * 1024;
