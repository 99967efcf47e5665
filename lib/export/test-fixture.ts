/**
 * A small ExportBundle for the renderers' unit tests: a Markdown article
 * imported with the app's importer, claims placed with lib/anchoring exactly
 * as the app stores them (code-point positions).
 */
import { createTextModel, describe } from "@/lib/anchoring";
import { toArticleDocument } from "@/lib/import";
import { DEFAULT_VERDICT_SCALE, type ClaimStatus } from "@/lib/verdicts";
import type { ExportBundle, ExportClaim, ExportSource } from "./bundle";

export const FIXTURE_MARKDOWN = `Unemployment fell to **4.2%** in October, the lowest since 2008, the minister said.

## Prices & "wages"

Inflation is *3 per cent* 😀 and wages rose by 5% <script>alert(1)</script> over the year, see [the office](https://stats.example.org/report?a=1&b=2).

- Exports grew by a third 🇫🇷.
- Imports shrank.

> The deficit halved in two years.`;

type ClaimSpec = {
  quote: string;
  occurrence?: number;
  verdict?: string | null;
  status?: ClaimStatus;
  claimant?: string;
  rationale?: string;
  claimAsChecked?: string;
  sources?: Partial<ExportSource>[];
};

let counter = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, "0")}`;

export function makeBundle(specs: ClaimSpec[], over: Partial<ExportBundle> = {}, markdown = FIXTURE_MARKDOWN): ExportBundle {
  const { doc, plainText } = toArticleDocument({ format: "markdown", body: markdown });
  const model = createTextModel(plainText);
  const claims: ExportClaim[] = specs.map((spec) => {
    let start = -1;
    for (let k = 0; k <= (spec.occurrence ?? 0); k++) start = plainText.indexOf(spec.quote, start + 1);
    if (start < 0) throw new Error(`fixture quote not found: ${spec.quote}`);
    const sel = describe(model, { start, end: start + spec.quote.length });
    const status = spec.status ?? "approved";
    return {
      id: uuid(),
      quote: { exact: sel.quote.exact, prefix: sel.quote.prefix, suffix: sel.quote.suffix },
      position: { start: sel.position.start, end: sel.position.end },
      claimAsChecked: spec.claimAsChecked ?? spec.quote,
      claimant: spec.claimant ?? "",
      verdict: spec.verdict === undefined ? "false" : spec.verdict,
      rationale: spec.rationale ?? "",
      status,
      createdAt: "2026-11-20T10:00:00.000Z",
      updatedAt: "2026-11-21T11:30:00.000Z",
      createdByName: "Rita Reviewer",
      approvedAt: status === "approved" ? "2026-11-22T09:15:00.000Z" : null,
      approvedByName: status === "approved" ? "Ed Editor" : null,
      sources: (spec.sources ?? []).map((s) => ({
        url: "https://stats.example.org/release/1",
        title: "Release 1",
        publisher: "Statistics office",
        excerpt: "",
        stance: "refutes",
        accessedOn: "2026-11-20",
        ...s,
      })),
    };
  });
  claims.sort((a, b) => a.position.start - b.position.start || a.position.end - b.position.end);
  const id = "11111111-1111-4111-8111-111111111111";
  return {
    article: {
      id,
      title: "Économie: “Prices” & <wages> in 2026",
      sourceUrl: "https://news.example.com/economy?id=7&x=<y>",
      publisher: "Example News",
      author: "Jane Doe",
      publishedOn: "2026-11-01",
      language: "en",
      createdAt: "2026-11-19T08:00:00.000Z",
      updatedAt: "2026-11-19T08:00:00.000Z",
      plainText,
      content: doc,
      textHash: "x",
      publishedAt: null,
      publishedScope: null,
    },
    claims,
    scale: DEFAULT_VERDICT_SCALE,
    scope: "all",
    exportedAt: "2026-11-25T16:00:00.000Z",
    workflow: true,
    organization: { name: "Example Fact Check", url: "https://factcheck.example.org/" },
    origin: "http://localhost:3000",
    publishedUrl: `http://localhost:3000/published/${id}`,
    ...over,
  };
}
