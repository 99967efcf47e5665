import { describe, expect, it } from "vitest";
import { charsetFromContentType, charsetFromMeta, decodePage } from "./charset";

const latin1 = (text: string) => Buffer.from(text, "latin1");

describe("decodePage", () => {
  it("uses the Content-Type charset first, then <meta charset>, then UTF-8", () => {
    const cafe = Buffer.concat([latin1('<meta charset="iso-8859-1"><p>caf'), Buffer.from([0xe9, 0x20, 0x80, 0x93]), latin1("</p>")]);
    // windows-1252 (what every latin1 label means on the web): 0x80 is €, 0x93 is “.
    expect(decodePage(cafe, "text/html").text).toContain("café €“");
    expect(decodePage(cafe, "text/html; charset=utf-8").text).toContain("caf\ufffd");
    expect(decodePage(Buffer.from("<p>café</p>"), undefined)).toEqual({ text: "<p>café</p>", encoding: "utf-8" });
    expect(decodePage(Buffer.from([0x82, 0xa0]), "text/html; charset=Shift_JIS").text).toBe("あ");
  });

  it("follows a byte-order mark over any declaration and ignores unknown labels", () => {
    expect(decodePage(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("é")]), "text/html; charset=windows-1252").text).toBe("é");
    expect(decodePage(Buffer.from("<p>é</p>"), "text/html; charset=no-such-charset").text).toBe("<p>é</p>");
  });

  it("reads the charset from the header and the meta tag forms", () => {
    expect(charsetFromContentType('text/html; charset="windows-1252"')).toBe("windows-1252");
    expect(charsetFromContentType("text/html")).toBeNull();
    expect(charsetFromMeta('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">')).toBe("koi8-r");
    expect(charsetFromMeta("<META CHARSET=gbk>")).toBe("gbk");
    expect(charsetFromMeta('<meta name="description" content="no charset here">')).toBeNull();
  });
});
