import type { Metadata } from "next";
import { headers } from "next/headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Claimdesk", template: "%s · Claimdesk" },
  description: "Fact-check and claim annotation for newsrooms",
};

/**
 * Libraries that add a `<style>` element at run time (Radix dialogs' scroll
 * lock, through react-style-singleton) put `__webpack_nonce__` on it;
 * Turbopack does not define it, so it is set here from this script's own
 * nonce. They read it when a dialog opens, long after this has run. (Zod's
 * `new Function` probe is turned off in lib/zod.ts: an inline script here
 * can run after an already cached chunk, so it cannot be relied on for
 * anything a module does as it loads.)
 */
const CSP_BOOTSTRAP = "(function(){var n=document.currentScript&&document.currentScript.nonce;if(n)self.__webpack_nonce__=n})()";

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
