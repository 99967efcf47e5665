/**
 * A fetched page's bytes → text, in the order browsers use (WHATWG
 * "determining the character encoding", simplified): a byte-order mark, then
 * the Content-Type header's charset, then a `<meta charset>` or
 * `<meta http-equiv="Content-Type">` near the start, else UTF-8. Scraped news
 * sites still serve windows-1252 and Shift_JIS pages; decoding them as UTF-8
 * would turn every "é" and "€" into U+FFFD in the imported article.
 */

/** How far into the page a `<meta charset>` is looked for (browsers prescan 1024 bytes; CMSs put long comments first). */
const META_SCAN_BYTES = 4096;

function decoderFor(label: string | null | undefined): TextDecoder | null {
  if (!label) return null;
  const name = label.trim().replace(/^["']|["']$/g, "").toLowerCase();
  // UTF-16 declared in a header or a meta tag of an ASCII-compatible page is a
  // CMS mistake (browsers ignore it in <meta> too); only a BOM says UTF-16.
  if (!name || name.startsWith("utf-16")) return null;
  try {
    return new TextDecoder(name);
  } catch {
    // An unknown label: the next source of the encoding decides.
    return null;
  }
}

/** The charset parameter of a Content-Type value, if any. */
export function charsetFromContentType(contentType: string | string[] | undefined): string | null {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(value ?? "");
  return match?.[2] ?? null;
}

/** The charset a page declares in its first bytes, by `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">`. */
export function charsetFromMeta(head: string): string | null {
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([^"'\s/>;]+)/i.exec(tag);
    if (direct && !/\bcontent\s*=/i.test(tag.slice(0, direct.index))) return direct[1]!;
    if (/http-equiv\s*=\s*["']?content-type/i.test(tag)) {
      const content = /\bcontent\s*=\s*(["'])(.*?)\1/i.exec(tag)?.[2];
      const charset = content ? /charset\s*=\s*([^;\s"']+)/i.exec(content)?.[1] : undefined;
      if (charset) return charset;
    }
  }
  return null;
}

/**
 * windows-1252's 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ).
 * Node 20's TextDecoder decodes "windows-1252" (which every latin1 and ascii
 * label means, per WHATWG) as ISO-8859-1, leaving C1 controls where the
 * curly quotes and the euro sign were (nodejs/node#56542).
 */
const WINDOWS_1252_C1 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function decodeWith(decoder: TextDecoder, body: Uint8Array): string {
  const decoded = decoder.decode(body);
  if (decoder.encoding !== "windows-1252") return decoded;
  return decoded.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!);
}

/** Decodes a page; never throws (malformed bytes become U+FFFD, as in a browser). */
export function decodePage(body: Uint8Array, contentType: string | string[] | undefined): { text: string; encoding: string } {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { text: new TextDecoder("utf-8").decode(body.subarray(3)), encoding: "utf-8" };
  if (body[0] === 0xff && body[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(body.subarray(2)), encoding: "utf-16le" };
  if (body[0] === 0xfe && body[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(body.subarray(2)), encoding: "utf-16be" };
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, META_SCAN_BYTES)).toString("latin1");
  const decoder = decoderFor(charsetFromContentType(contentType)) ?? decoderFor(charsetFromMeta(head)) ?? new TextDecoder("utf-8");
  return { text: decodeWith(decoder, body), encoding: decoder.encoding };
}
