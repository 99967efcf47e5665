import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { makeBundle } from "./test-fixture";
import { ANNOTATION_CONTEXT, renderWebAnnotations, toWebAnnotationCollection } from "./web-annotation";

// The W3C Web Annotation test suite's JSON schemas, committed with their
// licence (test/fixtures/w3c-web-annotation/README.md says where they come from).
const SUITE = fileURLToPath(new URL("../../test/fixtures/w3c-web-annotation/", import.meta.url));

type Json = unknown;

/**
 * The suite is written in JSON Schema draft-04, which Ajv 8 no longer reads
 * natively: `id` becomes `$id`, boolean exclusiveMinimum/Maximum become the
 * numeric form, and `$schema` is dropped so Ajv uses its draft-07 dialect
 * (whose other keywords draft-04 shares).
 */
function toDraft07(node: Json, root = true): Json {
  if (Array.isArray(node)) return node.map((n) => toDraft07(n, false));
  if (!node || typeof node !== "object") return node;
  const out: Record<string, Json> = {};
  const src = node as Record<string, Json>;
  for (const [key, value] of Object.entries(src)) {
    if (key === "$schema") continue;
    if (root && key === "id") {
      out.$id = value;
      continue;
    }
    // Property names are not keywords: convert their schemas but keep the names.
    if (key === "properties" && value && typeof value === "object" && !Array.isArray(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toDraft07(v, false)]));
      continue;
    }
    out[key] = toDraft07(value, false);
  }
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof out[flag] === "boolean") {
      if (out[flag] && typeof out[bound] === "number") {
        out[flag] = out[bound];
        delete out[bound];
      } else delete out[flag];
    }
  }
  return out;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Record<string, Json>;

function suiteAjv() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of readdirSync(path.join(SUITE, "definitions"))) {
    ajv.addSchema(toDraft07(readJson(path.join(SUITE, "definitions", file))) as object);
  }
  return ajv;
}

type Assertion = { file: string; expectedValid: boolean; validate: ValidateFunction; mustHold: boolean };

/** The assertions a `.test` file lists, compiled; `assertionType: "must"` ones must give their expected result. */
function loadAssertions(ajv: Ajv, testFile: string): Assertion[] {
  const test = readJson(path.join(SUITE, testFile)) as { assertions: string[] };
  return test.assertions.map((rel) => {
    const raw = readJson(path.join(SUITE, rel));
    const schema = toDraft07(raw) as Record<string, Json>;
    delete schema.$id; // several assertion files share ids across folders
    return {
      file: rel,
      expectedValid: raw.expectedResult !== "invalid",
      mustHold: raw.assertionType === "must",
      validate: ajv.compile(schema),
    };
  });
}

function failures(assertions: Assertion[], value: Json): string[] {
  const failed: string[] = [];
  for (const a of assertions) {
    const valid = a.validate(value) as boolean;
    if (valid !== a.expectedValid) failed.push(`${a.file}: ${JSON.stringify(a.validate.errors?.slice(0, 2))}`);
  }
  return failed;
}

const ajv = suiteAjv();
const annotationMusts = loadAssertions(ajv, "annotations/annotationMusts.test");
const collectionMusts = loadAssertions(ajv, "collections/collectionMusts.test");
const pageMusts = loadAssertions(ajv, "collections/pages/pageMusts.test");

const bundle = makeBundle([
  { quote: "Unemployment fell to 4.2% in October", verdict: "mostly_true", rationale: "The office says 4.3%.", sources: [{}, { url: "https://example.org/b?x=1&y=2" }] },
  { quote: "4.2% in October, the lowest since 2008", verdict: "false", claimant: "Ministry of Labour" },
  { quote: "3 per cent 😀 and wages", verdict: null, status: "open" },
  { quote: "Exports grew by a third 🇫🇷.\n\nImports", verdict: "unverifiable" },
]);

describe("W3C Web Annotation export", () => {
  const collection = toWebAnnotationCollection(bundle);
  const items = collection.first.items;

  it("loads the suite's MUST assertions", () => {
    expect(annotationMusts.length).toBeGreaterThan(40);
    expect(annotationMusts.every((a) => a.mustHold)).toBe(true);
    expect(collectionMusts.length).toBeGreaterThan(5);
    expect(pageMusts.length).toBeGreaterThan(5);
  });

  it("passes every MUST of the test suite, for each annotation", () => {
    expect(items).toHaveLength(4);
    for (const item of items) {
      // Embedded annotations take the collection's @context; standalone they carry it.
      expect(failures(annotationMusts, { "@context": ANNOTATION_CONTEXT, ...item })).toEqual([]);
    }
  });

  it("passes the collection and page MUSTs", () => {
    expect(failures(collectionMusts, collection)).toEqual([]);
    expect(failures(pageMusts, { "@context": ANNOTATION_CONTEXT, ...collection.first })).toEqual([]);
  });

  it("would catch a broken annotation (the schemas are really applied)", () => {
    const broken = { "@context": ANNOTATION_CONTEXT, ...items[0], id: "not a uri", created: "yesterday" };
    expect(failures(annotationMusts, broken).length).toBeGreaterThan(0);
  });

  it("uses IRIs, motivations, bodies and UTC times as documented", () => {
    const [withVerdict, , noVerdict] = items;
    expect(collection["@context"]).toBe("http://www.w3.org/ns/anno.jsonld");
    expect(collection.type).toBe("AnnotationCollection");
    expect(collection.total).toBe(4);
    expect(collection.first.type).toBe("AnnotationPage");
    expect(collection.label).toContain("all claims");
    for (const item of items) {
      expect(item.id).toMatch(/^http:\/\/localhost:3000\/api\/articles\/[0-9a-f-]+\/annotations#claim-[0-9a-f-]+$/);
      expect(item.type).toBe("Annotation");
      expect(item.created).toMatch(/Z$/);
      expect(item.modified).toMatch(/Z$/);
      // The source URL is written as an IRI: the < and > in it are percent-encoded.
      expect(item.target.source).toBe("https://news.example.com/economy?id=7&x=%3Cy%3E");
    }
    expect(withVerdict!.motivation).toBe("assessing");
    expect(withVerdict!.body).toEqual([
      { type: "TextualBody", purpose: "assessing", value: "Mostly true", format: "text/plain" },
      { type: "TextualBody", purpose: "describing", value: "Unemployment fell to 4.2% in October", format: "text/plain" },
      { type: "TextualBody", purpose: "commenting", value: "The office says 4.3%.", format: "text/plain" },
      { type: "SpecificResource", purpose: "linking", source: "https://stats.example.org/release/1" },
      { type: "SpecificResource", purpose: "linking", source: "https://example.org/b?x=1&y=2" },
    ]);
    expect(withVerdict!.creator).toEqual({ type: "Person", name: "Rita Reviewer" });
    expect(noVerdict!.motivation).toBe("highlighting");
  });

  it("counts TextPositionSelector offsets in code points (emoji and flags included)", () => {
    const codePoints = [...bundle.article.plainText];
    for (const item of items) {
      const [quote, position] = item.target.selector;
      expect(codePoints.slice(position.start, position.end).join("")).toBe(quote.exact);
    }
    // The emoji before claim 3 makes UTF-16 and code-point offsets differ.
    const flagClaim = items[3]!.target.selector[1];
    expect(bundle.article.plainText.indexOf("Exports")).toBeGreaterThan(flagClaim.start);
  });

  it("targets the published page when the article has no source URL and is published, else its page in the desk", () => {
    const noSource = { ...bundle, article: { ...bundle.article, sourceUrl: null } };
    expect(toWebAnnotationCollection(noSource).first.items[0]!.target.source).toBe(`http://localhost:3000/articles/${bundle.article.id}`);
    const published = { ...noSource, article: { ...noSource.article, publishedAt: "2026-11-24T09:00:00.000Z", publishedScope: "approved" as const } };
    expect(toWebAnnotationCollection(published).first.items[0]!.target.source).toBe(bundle.publishedUrl);
    expect(JSON.parse(renderWebAnnotations(noSource)).first.items).toHaveLength(4);
  });
});
