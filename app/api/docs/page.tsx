import type { Metadata } from "next";
import Link from "next/link";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { ERROR_STATUS } from "@/lib/errors";

export const metadata: Metadata = { title: "API reference" };

/**
 * /api/docs: the API reference, rendered on the server from the same OpenAPI
 * document as /api/v1/openapi.json. No viewer library: Redoc, Scalar and
 * Stoplight Elements inject <style> elements at run time (styled-components,
 * emotion) without the request's nonce, which the strict style-src refuses,
 * and Swagger UI ships a large client bundle for what is a page to read.
 * This page sends no script of its own and meets the policy by construction.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: boolean | Schema;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  minimum?: number;
  default?: unknown;
};
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema: Schema };
type Response = { description: string; headers?: Record<string, { description?: string }>; content?: Record<string, { schema: Schema }> };
type Operation = {
  tags: string[];
  operationId: string;
  summary: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, Response>;
};
type Document = {
  info: { title: string; version: string; description: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

const refName = (ref: string) => ref.split("/").at(-1)!;

/** The document's descriptions are CommonMark; here only their `code spans` are rendered. */
function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split("`").map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part))}
    </>
  );
}

/** A schema in one line: `string ≤ 300`, `Claim`, `array of Source`, `"text" | "markdown"`. */
function TypeOf({ schema }: { schema: Schema }) {
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return (
      <a href={`#schema-${name}`} className="text-brand underline">
        {name}
      </a>
    );
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    return (
      <>
        {alternatives.map((s, i) => (
          <span key={i}>
            {i > 0 ? " | " : null}
            <TypeOf schema={s} />
          </span>
        ))}
      </>
    );
  }
  if (schema.const !== undefined) return <code>{JSON.stringify(schema.const)}</code>;
  if (schema.enum) return <code>{schema.enum.map((v) => JSON.stringify(v)).join(" | ")}</code>;
  if (schema.type === "array" && schema.items) {
    return (
      <>
        array of <TypeOf schema={schema.items} />
        {schema.maxItems !== undefined ? ` (≤ ${schema.maxItems})` : null}
      </>
    );
  }
  const limits = [
    schema.format,
    schema.minLength !== undefined && schema.minLength > 0 ? `≥ ${schema.minLength} chars` : null,
    schema.maxLength !== undefined ? `≤ ${schema.maxLength.toLocaleString("en-GB")} chars` : null,
  ].filter(Boolean);
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  return (
    <>
      {type === "object" && schema.properties ? "object" : type}
      {limits.length ? <span className="text-slate-600"> ({limits.join(", ")})</span> : null}
    </>
  );
}

function Properties({ schema }: { schema: Schema }) {
  const props = Object.entries(schema.properties ?? {});
  if (props.length === 0) return null;
  return (
    <div className="overflow-x-auto">
      <table className="mt-2 w-full text-left text-sm">
        <thead>
          <tr className="border-b border-line text-xs uppercase tracking-wide text-slate-600">
            <th scope="col" className="py-1 pr-3 font-medium">
              Field
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Type
            </th>
            <th scope="col" className="py-1 font-medium">
              Notes
            </th>
          </tr>
        </thead>
        <tbody>
          {props.map(([name, s]) => (
            <tr key={name} className="border-b border-line/60 align-top">
              <td className="py-1 pr-3">
                <code>{name}</code>
                {schema.required?.includes(name) ? <span className="ml-1 text-xs text-red-700">required</span> : null}
              </td>
              <td className="py-1 pr-3">
                <TypeOf schema={s} />
              </td>
              <td className="py-1 text-slate-700">
                <Prose text={s.description ?? ""} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-900",
  post: "bg-emerald-100 text-emerald-900",
  patch: "bg-amber-100 text-amber-900",
  delete: "bg-red-100 text-red-900",
};

function OperationView({ method, path, op }: { method: string; path: string; op: Operation }) {
  const body = op.requestBody ? Object.entries(op.requestBody.content)[0] : undefined;
  return (
    <section id={op.operationId} aria-labelledby={`${op.operationId}-title`} className="rounded-lg border border-line bg-white p-4 shadow-sm">
      <h3 id={`${op.operationId}-title`} className="flex flex-wrap items-baseline gap-2 text-base font-semibold">
        <span className={`rounded px-1.5 py-0.5 font-mono text-xs ${METHOD_STYLE[method] ?? ""}`}>{method.toUpperCase()}</span>{" "}
        <code className="break-all text-sm">{path}</code>
      </h3>
      <p className="mt-1 text-sm text-slate-700">{op.summary}</p>
      {op.parameters?.length ? (
        <>
          <h4 className="mt-3 text-sm font-semibold">Parameters</h4>
          <ul className="mt-1 grid gap-1 text-sm">
            {op.parameters.map((p) => (
              <li key={`${p.in}-${p.name}`}>
                <code>{p.name}</code> <span className="text-xs text-slate-600">({p.in}{p.required ? ", required" : ""})</span> <TypeOf schema={p.schema} />
                {p.description ? (
                  <span className="text-slate-700">
                    {" "}
                    — <Prose text={p.description} />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {body ? (
        <>
          <h4 className="mt-3 text-sm font-semibold">Body</h4>
          <p className="text-sm">
            <code>{body[0]}</code>: <TypeOf schema={body[1].schema} />
          </p>
        </>
      ) : null}
      <h4 className="mt-3 text-sm font-semibold">Responses</h4>
      <ul className="mt-1 grid gap-1 text-sm">
        {Object.entries(op.responses).map(([status, r]) => {
          const content = r.content ? Object.entries(r.content)[0] : undefined;
          return (
            <li key={status}>
              <code className="font-semibold">{status}</code> <Prose text={r.description} />
              {content ? (
                <span className="text-slate-700">
                  {" "}
                  — <code>{content[0]}</code> <TypeOf schema={content[1].schema} />
                </span>
              ) : null}
              {r.headers ? <span className="text-slate-600"> · headers: {Object.keys(r.headers).join(", ")}</span> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export default function ApiDocsPage() {
  const doc = buildOpenApiDocument() as unknown as Document;
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <p className="text-sm">
        <Link href="/articles" className="text-brand hover:underline">
          Claimdesk
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{doc.info.title}</h1>
      <p className="mt-1 text-sm text-slate-600">
        Version {doc.info.version} · OpenAPI 3.1 document:{" "}
        <a href="/api/v1/openapi.json" className="text-brand underline">
          /api/v1/openapi.json
        </a>
      </p>
      <p className="mt-3 max-w-prose text-sm text-slate-800">
        <Prose text={doc.info.description} />
      </p>

      <section aria-labelledby="basics" className="mt-6 grid gap-2 text-sm text-slate-800">
        <h2 id="basics" className="text-lg font-semibold">
          Basics
        </h2>
        <p>
          <strong>Tokens.</strong> Create one under Account → Tokens (read, or read and write; 7 days to a year). It is shown once. Send{" "}
          <code>Authorization: Bearer cdk_…</code> with every request. Each token may make a limited number of requests a minute (
          <code>RateLimit-*</code> headers; 429 with <code>Retry-After</code> beyond).
        </p>
        <p>
          <strong>Saving safely.</strong> Claims carry their version as <code>ETag</code>. <code>PATCH</code>, <code>DELETE</code> and the workflow moves need{" "}
          <code>If-Match</code> with that tag: without it 428, with an old one 412 and the claim as it is now in <code>current</code>, and nothing is written.{" "}
          <code>GET</code> with <code>If-None-Match</code> answers 304 while nothing changed.
        </p>
        <p>
          <strong>Positions</strong> are Unicode code points over the article&apos;s <code>plainText</code>, as in W3C Web Annotation selectors.
        </p>
      </section>

      <nav aria-labelledby="contents" className="mt-6">
        <h2 id="contents" className="text-lg font-semibold">
          Endpoints
        </h2>
        <ul className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
          {operations.map(({ path, method, op }) => (
            <li key={op.operationId}>
              <a href={`#${op.operationId}`} className="text-brand hover:underline">
                <span className="font-mono text-xs">{method.toUpperCase()}</span> {path}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {doc.tags.map(({ name }) => (
        <section key={name} aria-labelledby={`tag-${name}`} className="mt-8">
          <h2 id={`tag-${name}`} className="text-lg font-semibold">
            {name}
          </h2>
          <div className="mt-2 grid gap-3">
            {operations
              .filter(({ op }) => op.tags.includes(name))
              .map(({ path, method, op }) => (
                <OperationView key={op.operationId} path={path} method={method} op={op} />
              ))}
          </div>
        </section>
      ))}

      <section aria-labelledby="errors" className="mt-8">
        <h2 id="errors" className="text-lg font-semibold">
          Errors
        </h2>
        <p className="mt-1 text-sm text-slate-800">
          Every error is <code>application/problem+json</code> (RFC 9457): <code>status</code>, <code>title</code>, <code>detail</code> (a sentence to show a person),{" "}
          <code>code</code> (the app&apos;s <code>type:surface</code>, e.g. <code>conflict:claim</code>) and, for invalid fields, <code>errors</code> by field.
        </p>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {Object.entries(ERROR_STATUS).map(([type, status]) => (
            <div key={type} id={`problem-${type}`} className="contents">
              <dt>
                <code>{type}</code>
              </dt>
              <dd>HTTP {status}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="schemas" className="mt-8">
        <h2 id="schemas" className="text-lg font-semibold">
          Schemas
        </h2>
        <div className="mt-2 grid gap-3">
          {Object.entries(doc.components.schemas).map(([name, schema]) => (
            <section key={name} id={`schema-${name}`} aria-labelledby={`schema-${name}-title`} className="rounded-lg border border-line bg-white p-4 shadow-sm">
              <h3 id={`schema-${name}-title`} className="font-mono text-sm font-semibold">
                {name}
              </h3>
              {schema.description ? (
                <p className="mt-1 text-sm text-slate-700">
                  <Prose text={schema.description} />
                </p>
              ) : null}
              {schema.properties ? (
                <Properties schema={schema} />
              ) : (
                <p className="mt-1 text-sm">
                  <TypeOf schema={schema} />
                </p>
              )}
              {schema.additionalProperties === false ? <p className="mt-1 text-xs text-slate-600">Other fields are refused (400).</p> : null}
            </section>
          ))}
        </div>
      </section>
    </main>
  );
}
