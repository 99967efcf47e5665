/**
 * A Claimdesk JSON export uploaded on the import page is re-imported with its
 * claims (db/queries/article-transfer.ts) instead of being read as article
 * text. Light on purpose: the upload form uses it in the browser too.
 */
export function isClaimdeskJsonFile(filename: string): boolean {
  return /\.json$/i.test(filename.trim());
}

/**
 * Largest JSON export accepted: the article (up to 2 MB of text) appears in it
 * twice (plain text and document), plus its claims. Server actions accept
 * bodies up to `serverActions.bodySizeLimit` in next.config.ts, kept above this.
 */
export const MAX_CLAIMDESK_JSON_BYTES = 8 * 1024 * 1024;
