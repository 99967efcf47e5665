/**
 * `Content-Disposition: attachment` with both filename forms (RFC 6266): an
 * ASCII fallback in `filename="…"` for old clients and the exact UTF-8 name in
 * `filename*=UTF-8''…` (RFC 5987), which every current browser prefers.
 */
export function attachmentDisposition(filename: string): string {
  const cleaned = filename.replace(/[\u0000-\u001f\u007f/\\]/g, "_").trim() || "export";
  const ascii = cleaned
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["%;]/g, "_");
  const encoded = encodeURIComponent(cleaned).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
