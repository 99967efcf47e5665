import { readFile } from "node:fs/promises";
import { expect, type Page } from "@playwright/test";

export const FORMAT_LABELS = ["HTML", "Markdown", "JSON", "W3C Web Annotation", "ClaimReview", "CSV"] as const;
export type FormatLabel = (typeof FORMAT_LABELS)[number];

export const exportButton = (page: Page) => page.getByRole("button", { name: "Export", exact: true });
export const exportMenu = (page: Page) => page.getByRole("menu", { name: "Export" });

/** Opens the Export menu with the mouse. */
export async function openExportMenu(page: Page): Promise<void> {
  await exportButton(page).click();
  await expect(exportMenu(page)).toBeVisible();
}

/**
 * Chooses the claims to include and a format in the Export menu, as a person
 * does, and returns the downloaded file's name and text.
 */
export async function downloadExport(page: Page, format: FormatLabel, scope: "All claims" | "Approved only" = "All claims") {
  await openExportMenu(page);
  const radio = exportMenu(page).getByRole("menuitemradio", { name: scope, exact: true });
  await radio.click();
  await expect(radio).toHaveAttribute("aria-checked", "true");
  const [download] = await Promise.all([page.waitForEvent("download"), exportMenu(page).getByRole("menuitem", { name: format, exact: true }).click()]);
  await expect(exportMenu(page)).toBeHidden();
  const file = await download.path();
  return { filename: download.suggestedFilename(), text: await readFile(file, "utf8"), path: file };
}
