"use client";

import dynamic from "next/dynamic";

/**
 * The workspace renders in the browser only. The TipTap editor never renders
 * on the server anyway (`immediatelyRender: false`); rendering the rest there
 * meant anchoring every claim and building the whole claim list twice, once
 * into HTML and again to hydrate it, which on a 2,000-claim article cost more
 * than it showed (see docs/performance.md).
 */
export const WorkspaceLoader = dynamic(() => import("./article-workspace").then((m) => m.ArticleWorkspace), {
  ssr: false,
  loading: () => (
    <p role="status" className="mx-auto max-w-[1600px] px-4 py-10 text-sm text-muted">
      Loading the article and its claims…
    </p>
  ),
});
