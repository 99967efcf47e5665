import { z } from "zod";

/**
 * The one import of zod. In the browser, zod must not compile validators with
 * `new Function` (nor probe whether it may, which it does when the first
 * object schema is created): the Content-Security-Policy has no
 * 'unsafe-eval', so the probe is reported as a violation on every page. The
 * setting has to be made before any schema exists, and module order is the
 * only order that guarantees it: every module that defines schemas imports
 * `z` from here, so this runs first. Its interpreter is fast enough for the
 * forms a browser checks; the server keeps the compiled fast path.
 */
if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
