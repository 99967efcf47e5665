import type { Metadata } from "next";
import { StatusPage } from "./status-page";

export const metadata: Metadata = { title: "Page not found" };

/**
 * The 404 page for every route (unknown addresses, ids that do not exist or
 * are not published, pages a role may not see). Our own rather than Next's
 * default, whose inline `<style>` the Content-Security-Policy refuses.
 */
export default function NotFound() {
  return (
    <StatusPage code="404" title="Page not found">
      There is nothing at this address. The link may be mistyped, or the article or fact-check was removed or is no longer published.
    </StatusPage>
  );
}
