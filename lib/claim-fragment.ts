/**
 * The one stable per-claim fragment: `claim-<claim id>`. It names a claim the
 * same way everywhere, whichever scope or list position it has: the element
 * id of its note in the HTML export and on the published page, the fragment
 * of its ClaimReview `url`/`@id` and of its W3C annotation id, the CSV's and
 * Markdown's claim links, and `/articles/<id>#claim-<claim id>`, which opens
 * the claim in the workspace. Framework-free, for server and browser alike.
 */
export function claimFragment(claimId: string): string {
  return `claim-${encodeURIComponent(claimId)}`;
}

/** The claim id a URL fragment (`#claim-<id>`, with or without the `#`) names, or null. */
export function claimIdFromFragment(hash: string): string | null {
  const match = /^#?claim-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(hash);
  return match ? match[1]!.toLowerCase() : null;
}
