import { z } from "@/lib/zod";
import { VERDICT_ICON_KEYS } from "@/lib/verdicts";

/**
 * Rules of the editable verdict scale that need no database: the fields an
 * admin types, the key generated from a label, and the contrast check of the
 * badge colour. Shared by the domain layer and the admin page.
 */

export const MAX_VERDICTS = 30;

const colorSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^#[0-9a-f]{6}$/, "Use a colour like #1d4ed8.");

/** "" or null → no value; otherwise a number from 0 to 1. */
const valueSchema = z.preprocess(
  (v) => (v === "" || v === undefined ? null : typeof v === "string" ? Number(v.trim().replace(",", ".")) : v),
  z
    .number({ message: "Use a number from 0 to 1, or leave it empty." })
    .min(0, "Use a number from 0 to 1, or leave it empty.")
    .max(1, "Use a number from 0 to 1, or leave it empty.")
    .nullable(),
);

export const verdictFieldsSchema = z.object({
  label: z.string().trim().min(1, "Give the verdict a label.").max(40, "Keep the label under 40 characters."),
  description: z.string().trim().max(300, "Keep the description under 300 characters."),
  color: colorSchema,
  value: valueSchema,
  icon: z.enum(VERDICT_ICON_KEYS, { message: "Choose an icon from the list." }),
});
export type VerdictFields = z.output<typeof verdictFieldsSchema>;

export const verdictKeySchema = z.string().min(1).max(64).regex(/^[a-z0-9_]+$/, "Not a verdict of the scale.");

/** Labels compare without case, accents or surrounding spaces: "False" and " false " are the same verdict. */
export function normalizeLabel(label: string): string {
  return label.normalize("NFKD").replace(/\p{M}/gu, "").trim().toLocaleLowerCase("en");
}

/** A stable key for a new verdict: the label in snake_case ASCII, made unique with _2, _3… */
export function keyFromLabel(label: string, taken: Iterable<string>): string {
  const base =
    label
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 48) || "verdict";
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2 relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) throw new Error(`Not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => channel(parseInt(x!, 16)));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** Contrast ratio of white text on `hex` (1–21). Badges use white text, so WCAG AA needs 4.5. */
export function whiteTextContrast(hex: string): number {
  return 1.05 / (relativeLuminance(hex) + 0.05);
}

export const MIN_TEXT_CONTRAST = 4.5;
