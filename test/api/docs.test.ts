import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import type { OpenAPI } from "openapi-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { configSchema } from "../../server/config.ts";
import { tenantSettingsSchema } from "../../server/services/tenants/settings.ts";
import { createTestContext } from "../support/api.ts";
import { checkAgainstDocument } from "../support/openapi-validator.ts";
import type { TestContext } from "../support/api.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

type Operation = { parameters?: Array<{ name: string; in: string }>; requestBody?: unknown; responses: Record<string, unknown> };
type Document = { openapi: string; servers: Array<{ url: string }>; paths: Record<string, Record<string, Operation>>; webhooks?: Record<string, unknown> };

const METHODS = ["get", "put", "post", "patch", "delete"];

async function documentOf(response: Response): Promise<Document> {
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Document;
}

/** A documented path with sample values for its parameters. */
function concrete(path: string): string {
  return path.replaceAll(/\{([^}]+)\}/g, (_, name: string) => (name === "tenantId" ? "ten_1111111111111111" : `sample-${name}`));
}

const contract: Array<[string, string]> = [
  ["put", "/v1/accounts/{accountId}"],
  ["put", "/v1/accounts/{accountId}/contract"],
  ["post", "/v1/accounts/{accountId}/grants"],
  ["get", "/v1/accounts/{accountId}/entitlement"],
  ["post", "/v1/accounts/{accountId}/renewals"],
  ["post", "/v1/accounts/{accountId}/renewals/{renewalId}/complete"],
  ["post", "/v1/events"],
  ["get", "/v1/accounts/{accountId}/health"],
];

describe("the OpenAPI document", () => {
  it("validates as OpenAPI 3.1 with no errors", async () => {
    const doc = await documentOf(await ctx.call("GET", "/v1/openapi.json", { key: null }));
    expect(doc.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(structuredClone(doc) as unknown as OpenAPI.Document)).resolves.toBeTruthy();
  });

  it("documents every mounted route, the hot ones included", async () => {
    const doc = await documentOf(await ctx.call("GET", "/v1/openapi.json", { key: null }));
    const missing: string[] = [];
    for (const route of ctx.app.routes) {
      // Middleware runs for ALL methods; the staff console is its own same-origin app, not the vendor API.
      if (route.method === "ALL" || route.path.startsWith("/console")) continue;
      const path = route.path.replaceAll(/:([^/]+)/g, "{$1}");
      if (!doc.paths[path]?.[route.method.toLowerCase()]) missing.push(`${route.method} ${path}`);
    }
    expect(missing).toEqual([]);
    for (const [method, path] of contract) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
  });

  it("declares every path parameter of every operation", async () => {
    const doc = await documentOf(await ctx.call("GET", "/v1/openapi.json", { key: null }));
    for (const [path, operations] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      for (const [method, operation] of Object.entries(operations)) {
        const declared = (operation.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
        expect(declared.sort(), `${method} ${path}`).toEqual([...names].sort());
      }
    }
  });

  it("takes its server from PUBLIC_URL or leaves it relative, whatever the request's Host says", async () => {
    const evil = await ctx.app.request("http://evil.example/v1/openapi.json", { headers: { Host: "evil.example" } });
    const evilText = await evil.text();
    expect(evilText).not.toContain("evil.example");
    const doc = await documentOf(await ctx.call("GET", "/v1/openapi.json", { key: null }));
    expect(doc.servers).toEqual([{ url: "/" }]);
    const docsPage = await (await ctx.app.request("http://evil.example/docs", { headers: { Host: "evil.example" } })).text();
    expect(docsPage).not.toContain("evil.example");

    const configured = createApp({ db: ctx.db, clock: () => ctx.clock.now, publicUrl: "https://tenure.example.com" });
    await configured.request("http://evil.example/v1/openapi.json", { headers: { Host: "evil.example" } });
    const configuredDoc = await documentOf(await configured.request("http://evil.example/v1/openapi.json", { headers: { Host: "evil.example" } }));
    expect(configuredDoc.servers).toEqual([{ url: "https://tenure.example.com" }]);
    expect(JSON.stringify(configuredDoc)).not.toContain("evil.example");
  });
});

describe("what the document says", () => {
  it("gives the statuses the server really answers", async () => {
    const doc = await documentOf(await ctx.call("GET", "/v1/openapi.json", { key: null }));
    const statuses = (method: string, path: string): string[] => Object.keys(doc.paths[path]![method]!.responses);
    for (const path of ["/v1/accounts/{accountId}", "/v1/accounts/{accountId}/contract", "/v1/checklists/{checklistId}", "/v1/plans/{planId}"]) {
      expect(statuses("put", path), path).toEqual(expect.arrayContaining(["200", "201"]));
    }
    expect(statuses("post", "/v1/accounts/{accountId}/renewals")).toEqual(expect.arrayContaining(["200", "201"]));
    expect(statuses("post", "/v1/widget/renewals")).toEqual(expect.arrayContaining(["200", "201"]));
    expect(statuses("post", "/v1/widget/renewals/decline")).toEqual(expect.arrayContaining(["200", "201"]));
    expect(statuses("post", "/v1/widget/bootstrap")).toEqual(expect.arrayContaining(["200", "304"]));
    expect(statuses("post", "/v1/events")).toEqual(expect.arrayContaining(["202", "429"]));
  });

  it("names the query parameters and headers the server reads", async () => {
    const doc = await documentOf(await ctx.call("GET", "/v1/openapi.json", { key: null }));
    const parameter = (method: string, path: string, where: string, name: string): unknown =>
      doc.paths[path]![method]!.parameters?.find((p) => p.in === where && p.name.toLowerCase() === name.toLowerCase());
    expect(parameter("get", "/v1/accounts/{accountId}/entitlement", "query", "at")).toBeDefined();
    expect(parameter("post", "/v1/accounts/{accountId}/check", "query", "at")).toBeDefined();
    expect(parameter("get", "/v1/accounts/{accountId}/usage", "query", "days")).toBeDefined();
    expect(parameter("get", "/v1/webhooks/endpoints/{endpointId}/deliveries", "query", "limit")).toBeDefined();
    expect(parameter("post", "/v1/accounts/{accountId}/renewals", "header", "Idempotency-Key")).toBeDefined();
    expect(parameter("post", "/v1/stripe/webhooks/{tenantId}", "header", "Stripe-Signature")).toBeDefined();
  });

  it("lists every webhook event type the services write, with its payload", async () => {
    const doc = await documentOf(await ctx.call("GET", "/v1/openapi.json", { key: null }));
    const written = new Set<string>(["renewal.failed", "renewal.expired", "reminder.csm_task", "reminder.notice", "webhook.endpoint_failing", "webhook.test"]);
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    for (const file of walk("server/services").filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
      const text = readFileSync(file, "utf8");
      if (!/webhookInsert|enqueueWebhook/.test(text)) continue;
      for (const match of text.matchAll(/type: "([a-z_]+(?:\.[a-z_]+)+)"/g)) written.add(match[1]!);
    }
    expect(written.size).toBeGreaterThan(10);
    const webhooks = doc.webhooks as Record<
      string,
      { post: { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } } }
    >;
    for (const type of written) {
      expect(webhooks[type], type).toBeDefined();
      expect(webhooks[type]!.post.requestBody.content["application/json"]!.schema.properties).toHaveProperty("data");
    }
  });
});

describe("wrong methods", () => {
  it("answer 405 with Allow on every documented path, in the error shape", async () => {
    const doc = await documentOf(await ctx.call("GET", "/v1/openapi.json", { key: null }));
    let checked = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      const documented = Object.keys(operations).map((m) => m.toUpperCase());
      const allow = [...documented, ...(documented.includes("GET") ? ["HEAD"] : [])].sort().join(", ");
      for (const method of METHODS.filter((m) => !operations[m])) {
        const res = await ctx.call(method.toUpperCase(), concrete(path));
        const text = await res.text();
        expect(res.status, `${method} ${path}: ${text}`).toBe(405);
        expect(res.headers.get("allow"), `${method} ${path}`).toBe(allow);
        expect(JSON.parse(text).error.code).toBe("method_not_allowed");
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("still answer 404 on paths that do not exist", async () => {
    const res = await ctx.call("GET", "/v1/no-such-thing");
    expect(res.status).toBe(404);
    expect(res.headers.get("allow")).toBeNull();
  });
});

describe("the API tests' answer check", () => {
  const json = (body: unknown, status: number): Response => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

  it("refuses an answer whose body does not match its documented schema", async () => {
    await expect(checkAgainstDocument("GET", "/v1/accounts/a-1", json({ id: "a-1", name: 7 }, 200))).rejects.toThrow(/does not match its documented schema/);
  });

  it("refuses a status the operation does not document", async () => {
    await expect(checkAgainstDocument("GET", "/v1/plans", json({ data: [] }, 202))).rejects.toThrow(/status not documented/);
  });

  it("refuses a success on a path the document does not have", async () => {
    await expect(checkAgainstDocument("GET", "/v1/secret-backdoor", json({}, 200))).rejects.toThrow(/not in the OpenAPI document/);
  });

  it("accepts a documented answer", async () => {
    await expect(checkAgainstDocument("GET", "/v1/plans", json({ data: [] }, 200))).resolves.toBeUndefined();
  });
});

describe("the guides", () => {
  it("describe every per-tenant setting and every server variable", () => {
    const guide = readFileSync("docs/guides/settings.md", "utf8");
    const missing = [...Object.keys(tenantSettingsSchema.shape), ...Object.keys(configSchema.shape)].filter((key) => !guide.includes(`\`${key}\``));
    expect(missing).toEqual([]);
  });

  it("name every webhook event type in the webhooks guide", async () => {
    const doc = await documentOf(await ctx.call("GET", "/v1/openapi.json", { key: null }));
    const guide = readFileSync("docs/guides/webhooks.md", "utf8");
    expect(Object.keys(doc.webhooks ?? {}).filter((type) => !guide.includes(`\`${type}\``))).toEqual([]);
  });

  it("serve the reference page under a nonce script policy that names no CDN", async () => {
    const res = await ctx.call("GET", "/docs", { key: null });
    const html = await res.text();
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain('src="/docs/scalar.js"');
    for (const tag of html.match(/<script[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
    expect(html).not.toMatch(/https?:\/\/(cdn|fonts)\./);
    const again = (await ctx.call("GET", "/docs", { key: null })).headers.get("content-security-policy");
    expect(again).not.toBe(csp);
  });
});
