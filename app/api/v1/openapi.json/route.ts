import { buildOpenApiDocument } from "@/lib/api/openapi";

let document: string | undefined;

/** GET /api/v1/openapi.json — the API's OpenAPI 3.1 description (public: it describes, it holds no data). */
export function GET(): Response {
  document ??= JSON.stringify(buildOpenApiDocument());
  return new Response(document, { headers: { "content-type": "application/json", "cache-control": "public, max-age=300" } });
}
