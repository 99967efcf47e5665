import type { Metadata } from "next";
import { StatusPage } from "../status-page";

export const metadata: Metadata = { title: "Page not found" };

/**
 * A 404 from a desk page (notFound(): an article id that does not exist, an
 * admin page for someone else): under the desk's header. Unknown addresses
 * get app/not-found.tsx, which brings its own.
 */
export default function DeskNotFound() {
  return (
    <StatusPage code="404" title="Page not found" standalone={false}>
      There is nothing at this address. The link may be mistyped, or the article was removed.
    </StatusPage>
  );
}
