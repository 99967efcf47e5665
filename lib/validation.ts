import { z } from "@/lib/zod";
import { AppError, type Surface } from "@/lib/errors";
import { ISO_DATE_FORMAT } from "@/lib/format";

/** Parses untrusted input or throws a `bad_request` AppError listing each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, surface: Surface): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "_";
    fieldErrors[key] ??= issue.message;
  }
  const first = result.error.issues[0];
  const where = first && first.path.length ? ` (${first.path.join(".")})` : "";
  // Field messages are sentences already: no second full stop.
  const detail = (first?.message ?? "check the form").replace(/[.!?]+$/, "");
  throw new AppError(`bad_request:${surface}`, `Some fields are not valid${where}: ${detail}.`, fieldErrors);
}

export const idSchema = z.uuid({ message: "Not a valid id." });

/** http(s) only: sources must be links a reader can open. */
export const httpUrlSchema = z
  .string()
  .trim()
  .max(2048, "URL is too long.")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
    } catch {
      return false;
    }
  }, "Enter a full web address starting with http:// or https://.");

export const isoDateSchema = z.iso.date({ message: `Use the format ${ISO_DATE_FORMAT}, e.g. 2024-11-01.` });
