/**
 * The nonce of the page's Content-Security-Policy, for code that must add a
 * `<style>` element at run time (TipTap's editor styles). Browsers hide the
 * nonce attribute from the DOM once the page has loaded, but keep it in the
 * element's `nonce` property for scripts that already run, i.e. ours: an
 * injected script never gets to ask. Undefined on the server and on pages
 * without a policy.
 */
export function documentNonce(): string | undefined {
  if (typeof document === "undefined") return undefined;
  return document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce || undefined;
}
