import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./openapi";

describe("the OpenAPI document", () => {
  const document = buildOpenApiDocument();

  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("the validator does refuse a broken document (so the check above can fail)", async () => {
    const broken = structuredClone(document) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    broken.paths["/api/v1/claims/{id}"]!.get!.responses["200"] = { content: {} }; // a response needs a description
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it("describes every request body from the handlers' strict schemas: unknown fields are refused", () => {
    const schemas = (document.components as { schemas: Record<string, { additionalProperties?: unknown; required?: string[]; properties?: Record<string, unknown> }> }).schemas;
    for (const id of ["ArticleCreate", "ArticleRevisionFromUrl", "ClaimByQuote", "ClaimByPosition", "ClaimMergePatch", "ReturnClaim", "CommentCreate", "SourceInput"]) {
      expect(schemas[id]?.additionalProperties, id).toBe(false);
    }
    expect(schemas.ClaimByQuote?.required).toEqual(["quote"]);
    expect(schemas.Claim?.required).toContain("version");
    // Limits come from the domain's schemas, not a copy.
    expect(schemas.ArticleCreate?.properties?.title).toMatchObject({ maxLength: 300, minLength: 1 });
  });

  it("has an operation for every route file under app/api/v1", async () => {
    const { readdirSync, statSync } = await import("node:fs");
    const path = await import("node:path");
    const root = path.join(process.cwd(), "app", "api", "v1");
    const routes: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name === "route.ts") routes.push("/api/v1/" + path.relative(root, dir).split(path.sep).join("/").replace(/\[(\w+)\]/g, "{$1}"));
      }
    };
    walk(root);
    const paths = Object.keys(document.paths as object);
    expect(routes.filter((r) => r !== "/api/v1/openapi.json" && !paths.includes(r))).toEqual([]);
  });
});
