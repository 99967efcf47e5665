/**
 * The Content-Security-Policy and Permissions-Policy the app sends, in one
 * place: proxy.ts puts a per-request nonce into the page policies, and
 * next.config.ts sends the fixed headers. Framework-free.
 *
 * Scripts: a nonce per request plus 'strict-dynamic' (Next's guide): Next
 * reads the nonce from the request's CSP header and puts it on its own
 * scripts, which may then load the rest of the app's chunks. No
 * 'unsafe-inline' for scripts, and `script-src-attr 'none'`, so no inline
 * event handler (`onerror=`, `onclick=`) ever runs, even in HTML that slipped
 * past the sanitiser. 'unsafe-eval' only in development (React's dev tools
 * rebuild server stacks with eval).
 *
 * Styles: `<style>` elements and stylesheets need the nonce or our origin
 * (`style-src 'self' 'nonce-…'`): an injected stylesheet, the tool of CSS
 * exfiltration (attribute selectors leaking values), is refused. Style
 * *attributes* are allowed (`style-src-attr 'unsafe-inline'`): React renders
 * `style={{…}}` props as attributes in server HTML (verdict colours, chart
 * bars), a nonce cannot cover an attribute, and a style attribute can neither
 * select other elements nor load anything that img-src/font-src/default-src
 * would not refuse anyway. The published page needs none and refuses them.
 */

export type PolicyOptions = { nonce: string; development?: boolean; reportUri?: string; https?: boolean };

const REPORT_PATH = "/api/csp-report";
/** The Reporting API group name used by `report-to` (Reporting-Endpoints header). */
export const REPORT_GROUP = "csp";

/** A fresh nonce: 128 random bits, base64 (Web Crypto, in the Node runtime and the browser alike). */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

function serialize(directives: Record<string, (string | false | undefined)[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values.filter(Boolean)].join(" "))
    .join("; ");
}

function reporting(options: PolicyOptions) {
  const uri = options.reportUri ?? REPORT_PATH;
  // report-uri for browsers without the Reporting API; Chromium uses report-to when both are there.
  return { "report-uri": [uri], "report-to": [REPORT_GROUP] };
}

/** Every signed-in page and the sign-in page. */
export function appPolicy(options: PolicyOptions): string {
  const nonce = `'nonce-${options.nonce}'`;
  return serialize({
    "default-src": ["'self'"],
    "script-src": ["'self'", nonce, "'strict-dynamic'", options.development && "'unsafe-eval'"],
    "script-src-attr": ["'none'"],
    "style-src": ["'self'", nonce],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'none'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    ...(options.https ? { "upgrade-insecure-requests": [] } : {}),
    ...reporting(options),
  });
}

/**
 * The public fact-check page: stricter. Nothing is allowed by default; it
 * loads only our scripts (by nonce), our stylesheets and its one nonce'd
 * `<style>`, no style attributes, no forms, no images but our own icon.
 */
export function publishedPolicy(options: PolicyOptions): string {
  const nonce = `'nonce-${options.nonce}'`;
  return serialize({
    "default-src": ["'none'"],
    "script-src": ["'self'", nonce, "'strict-dynamic'", options.development && "'unsafe-eval'"],
    "script-src-attr": ["'none'"],
    "style-src": ["'self'", nonce],
    "style-src-attr": ["'none'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'none'"],
    ...(options.https ? { "upgrade-insecure-requests": [] } : {}),
    ...reporting(options),
  });
}

/**
 * Everything under /api: JSON, files to download, next-auth's redirects.
 * Nothing there is meant to render; if a browser ever did render a response
 * (an export opened inline), it runs nothing and loads nothing. The HTML
 * export keeps its own, equally strict `<meta>` policy inside the file for
 * when it is opened from disk.
 */
export const API_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";

/**
 * next-auth's own endpoints: its fallback pages (sign-out confirmation, error)
 * are HTML with an inline stylesheet and, for sign-out, a form posting back
 * to itself. No scripts either.
 */
export const AUTH_API_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * Browser features the app does not use are denied to it and to anything it
 * could ever embed; only writing to the clipboard (copying a one-time
 * password) is kept, for our own origin. Only features Chromium recognises:
 * an unknown name makes it log an error on every page.
 */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "browsing-topics=()",
  "camera=()",
  "clipboard-read=()",
  "clipboard-write=(self)",
  "display-capture=()",
  "encrypted-media=()",
  "fullscreen=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "idle-detection=()",
  "local-fonts=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "otp-credentials=()",
  "payment=()",
  "picture-in-picture=()",
  "publickey-credentials-get=()",
  "screen-wake-lock=()",
  "serial=()",
  "usb=()",
  "window-management=()",
  "xr-spatial-tracking=()",
].join(", ");

/** `Reporting-Endpoints` for `report-to`: the report route at the public origin. */
export function reportingEndpoints(origin: string): string {
  return `${REPORT_GROUP}="${origin}${REPORT_PATH}"`;
}

/** The nonce in a policy (what Next itself extracts from the request's CSP header). */
export function nonceOf(policy: string): string | undefined {
  return /'nonce-([^']+)'/.exec(policy)?.[1];
}
