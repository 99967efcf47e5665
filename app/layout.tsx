import type { Metadata } from "next";
import { headers } from "next/headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Claimdesk", template: "%s · Claimdesk" },
  description: "Fact-check and claim annotation for newsrooms",
};

/**
 * Runs before any of the app's scripts, admitted by the page's nonce:
 * - Zod compiles its validators with `new Function` unless told not to, and
 *   probes for it when a schema is created, at module load. Under our policy
 *   (no 'unsafe-eval') the probe fails quietly but the browser reports a
 *   violation on every page. Zod reads this setting when it loads; its
 *   interpreter is fast enough for the forms a browser checks.
 * - Libraries that add a `<style>` element at run time (Radix dialogs'
 *   scroll lock, through react-style-singleton) put `__webpack_nonce__` on
 *   it; Turbopack does not define it, so it is set here from this script's
 *   own nonce.
 */
const CSP_BOOTSTRAP =
  "(function(){var n=document.currentScript&&document.currentScript.nonce;if(n)self.__webpack_nonce__=n;" +
  "self.__zod_globalConfig=Object.assign(self.__zod_globalConfig||{},{jitless:true})})()";

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page render per request: Next can only put
  // the policy's nonce (new for each request, proxy.ts) on its scripts then. A
  // page prerendered at build time (the 404 page) would have scripts without it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en">
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: CSP_BOOTSTRAP }} />
      </head>
      <body className="min-h-screen font-sans antialiased">{children}</body>
    </html>
  );
}
