import type { ArticlePage } from "./article-page";

/**
 * The tabs of the claim panel (Details, Discussion, History) and what is in
 * the Discussion and History tabs, located by role and accessible name.
 */
export function claimTabs(p: ArticlePage) {
  const panel = p.details();
  return {
    tab: (name: "Details" | "Discussion" | "History") => panel.getByRole("tab", { name: new RegExp(`^${name}`) }),
    commentField: () => panel.getByRole("textbox", { name: "Comment", exact: true }),
    postButton: () => panel.getByRole("button", { name: "Post comment", exact: true }),
    comments: () => panel.getByRole("list", { name: "Comments" }).getByRole("listitem"),
    /** A comment, by the text it shows. */
    comment: (text: string | RegExp) => panel.getByRole("list", { name: "Comments" }).getByRole("article").filter({ hasText: text }),
    editField: () => panel.getByRole("textbox", { name: "Edit your comment", exact: true }),
    deleteDialog: () => p.page.getByRole("alertdialog", { name: "Delete this comment?" }),
    history: () => panel.getByRole("list", { name: "History of this claim" }).getByRole("listitem"),
    historyEntry: (summary: string | RegExp) => panel.getByRole("list", { name: "History of this claim" }).getByRole("listitem").filter({ hasText: summary }),
  };
}
