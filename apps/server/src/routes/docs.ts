import { html, raw } from "hono/html";
import type { App } from "../app.ts";

const OPENAPI_INFO = { openapi: "3.1.0", info: { title: "Comptoir API", version: "1" } } as const;

interface Operation {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
}

/**
 * `/api/openapi.json` (OpenAPI 3.1, generated from the route definitions) and `/api/docs`, a
 * reference page rendered here from that document: no script, no CDN, works offline.
 */
export function registerDocsRoutes(app: App): void {
  app.doc31("/api/openapi.json", OPENAPI_INFO);

  app.get("/api/docs", (c) => {
    const doc = app.getOpenAPI31Document(OPENAPI_INFO);
    const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>).map(([method, op]) => ({
        path,
        method,
        op,
      })),
    );
    const rows = operations.map(
      ({ path, method, op }) => html`<section>
  <h2><code>${method.toUpperCase()} ${path}</code></h2>
  <p>${op.summary ?? ""}${op.security?.length ? " · needs an admin key" : ""}</p>
  ${op.parameters?.length ? html`<p>Parameters: ${op.parameters.map((p) => `${p.name} (${p.in}${p.required ? ", required" : ""})`).join(", ")}</p>` : ""}
  ${op.requestBody?.content?.["application/json"] ? html`<details><summary>Request body</summary><pre>${JSON.stringify(op.requestBody.content["application/json"].schema, null, 2)}</pre></details>` : ""}
  <ul>${Object.entries(op.responses ?? {}).map(([status, r]) => html`<li><b>${status}</b> ${r.description ?? ""}</li>`)}</ul>
</section>`,
    );
    return c.html(html`<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>Comptoir API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1" />
<style>${raw("body{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}h2{font-size:1rem;margin-bottom:.2rem}section{border-top:1px solid #ddd;padding:.5rem 0}pre{background:#f6f6f6;padding:.5rem;overflow:auto}")}</style></head>
<body><h1>Comptoir API reference</h1>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Admin routes take <code>Authorization: Bearer ck_…</code> (<code>comptoir keys create NAME</code>). Errors are <code>{"error": {"code", "message", "requestId", "details"?}}</code>.</p>
${rows}
</body></html>`);
  });
}
