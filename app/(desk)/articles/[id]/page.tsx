import type { JSONContent } from "@tiptap/core";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { History } from "lucide-react";
import { cache } from "react";
import { LiveSummaryProvider, LiveSummaryStrip } from "@/components/summary/live-summary";
import { getArticleWorkspace } from "@/db/queries/articles";
import { listDeletedClaims } from "@/db/queries/claims";
import { getArticleSummary } from "@/db/queries/dashboard";
import { requirePageUser } from "@/lib/auth";
import { formatDay } from "@/lib/format";
import { AppError } from "@/lib/errors";
import { listAssignableUsers, userName } from "@/db/queries/workflow";
import { isEditorRole } from "@/lib/workflow";
import { ArticleAssignee } from "./article-assignee";
import { ArticleLanguage } from "./article-language";
import { langAttribute, languageName } from "@/lib/language";
import { ExportMenu } from "./export-menu";
import { PublishControls } from "./publish-controls";
import { CorrectionsPanel } from "./corrections-panel";
import { getCorrectionsPanel } from "@/db/queries/corrections";
import { WorkspaceLoader } from "./workspace-loader";
import { VerdictScaleProvider } from "@/components/verdicts/verdict-scale-context";

type Params = { params: Promise<{ id: string }> };
type PageProps = Params & { searchParams: Promise<{ claim?: string | string[] }> };

// cache(): metadata and page share one load per request.
const load = cache(async (id: string) => {
  try {
    return { ...(await getArticleWorkspace({ articleId: id })), renderedAt: Date.now() };
  } catch (error) {
    if (error instanceof AppError && error.type === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  await requirePageUser(`/articles/${id}`);
  const { article } = await load(id);
  return { title: article.title };
}

export default async function ArticlePage({ params, searchParams }: PageProps) {
  const { id } = await params;
  const { claim } = await searchParams;
  const user = await requirePageUser(`/articles/${id}`);
  const { article, claims, renderedAt } = await load(id);
  const editor = isEditorRole(user.role);
  const assignees = editor ? await listAssignableUsers() : [];
  const deletedClaims = editor ? await listDeletedClaims({ actor: user, input: { articleId: article.id } }) : [];
  const assigneeName = article.assigneeId ? await userName(article.assigneeId) : null;
  const summary = await getArticleSummary({ articleId: article.id });
  const correctionsLog = editor ? await getCorrectionsPanel({ actor: user, articleId: article.id }) : null;
  const meta = [article.publisher, article.author ? `By ${article.author}` : null, article.publishedOn ? formatDay(article.publishedOn) : null].filter(Boolean);
  return (
    <VerdictScaleProvider scale={summary.scale}>
      <LiveSummaryProvider>
      <div>
        <div className="border-b border-line bg-white">
          <div className="mx-auto flow-root max-w-[1600px] px-4 py-5">
            {/* Export for every role; Publish/Unpublish for editors and admins (the actions check again). */}
            <div className="float-right ml-4 flex flex-wrap items-center justify-end gap-2">
              {user.role !== "reviewer" ? (
                <PublishControls articleId={article.id} publishedAt={article.publishedAt} publishedScope={article.publishedScope} />
              ) : null}
              {/* Every role reads the revisions; a plain link, so it opens in a new tab too. */}
              <Link
                href={`/articles/${article.id}/revisions`}
                aria-label="Revisions"
                title={`Revisions (current: ${article.currentRevision})`}
                className="inline-flex h-9 items-center gap-1.5 rounded-md border border-line bg-white px-4 text-sm font-medium text-ink shadow-sm hover:bg-slate-50"
              >
                <History aria-hidden className="size-4" />
                Revisions
                {article.currentRevision > 1 ? <span className="text-muted">({article.currentRevision})</span> : null}
              </Link>
              <ExportMenu articleId={article.id} />
            </div>
            <h1 className="max-w-4xl font-serif text-2xl font-semibold leading-snug tracking-tight sm:text-3xl">
              {/* Isolated in its own direction and language; the header keeps the desk's layout. */}
              <bdi lang={langAttribute(article.language)}>{article.title}</bdi>
            </h1>
            <p className="mt-1 text-sm text-muted">
              {meta.join(" · ")}
              {article.sourceUrl ? (
                <>
                  {meta.length ? " · " : null}
                  <a href={article.sourceUrl} className="text-brand underline" rel="noopener noreferrer nofollow" target="_blank">
                    Original article
                  </a>
                </>
              ) : null}
            </p>
            <div className="mt-3 flex flex-wrap items-center gap-x-6 gap-y-2">
              {editor ? (
                <ArticleAssignee articleId={article.id} assigneeId={article.assigneeId} assignees={assignees} assigneeName={assigneeName} />
              ) : (
                <p className="text-sm text-slate-600">Assigned reviewer: {assigneeName ?? "nobody yet"}</p>
              )}
              {editor ? (
                <ArticleLanguage articleId={article.id} language={article.language} />
              ) : (
                <p className="text-sm text-slate-600">Language: {languageName(article.language)}</p>
              )}
            </div>
            {correctionsLog ? (
              // A new change (the page refreshes after a text revision) is a new draft to show.
              <CorrectionsPanel
                key={`${correctionsLog.draft?.id ?? "none"}-${correctionsLog.draft?.changes.length ?? 0}-${correctionsLog.published.length}`}
                initialDraft={correctionsLog.draft}
                initialPublished={correctionsLog.published}
              />
            ) : null}
            <LiveSummaryStrip articleId={article.id} initial={summary.rollup} />
          </div>
        </div>
        {/* A new revision is a new workspace: its text, its re-anchored claims. */}
        <WorkspaceLoader
          key={article.currentRevision}
          articleId={article.id}
          revision={article.currentRevision}
          renderedAt={renderedAt}
          content={article.content as JSONContent}
          initialClaims={claims}
          initialDeleted={deletedClaims}
          role={user.role}
          userId={user.id}
          assignees={assignees}
          initialClaimId={typeof claim === "string" ? claim : null}
          language={article.language}
          sourceUrl={article.sourceUrl}
        />
      </div>
      </LiveSummaryProvider>
    </VerdictScaleProvider>
  );
}
