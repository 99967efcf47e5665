import { describe, expect, it } from "vitest";
import { attachmentDisposition } from "./content-disposition";

describe("attachmentDisposition", () => {
  it("gives an ASCII fallback and the exact UTF-8 name", () => {
    expect(attachmentDisposition("middle-east-tensions.html")).toBe(
      `attachment; filename="middle-east-tensions.html"; filename*=UTF-8''middle-east-tensions.html`,
    );
    const header = attachmentDisposition("Iraq’s militias – café.md");
    expect(header).toContain(`filename="Iraq_s militias _ cafe.md"`);
    expect(header).toContain(`filename*=UTF-8''Iraq%E2%80%99s%20militias%20%E2%80%93%20caf%C3%A9.md`);
  });

  it("cannot be broken out of: quotes, separators, line breaks and paths are replaced", () => {
    const header = attachmentDisposition('a"; filename=evil.exe\r\nX-Injected: 1/../b.csv');
    expect(header).not.toMatch(/[\r\n]/);
    const fallback = /filename="([^"]*)"/.exec(header)![1]!;
    expect(fallback).not.toMatch(/[";/\\]/);
    expect(header.split(";").length).toBe(3);
    expect(decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(header)![1]!)).not.toMatch(/[\r\n/]/);
  });
});
