import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

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

describe("the API reference", () => {
  it("documents every route of the fixed public contract in /v1/openapi.json, with request schemas", async () => {
    const res = await ctx.call("GET", "/v1/openapi.json", { key: null });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> };
    expect(doc.openapi).toBe("3.1.0");
    for (const [method, path] of contract) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    const contractBody = doc.paths["/v1/accounts/{accountId}/contract"]!.put!.requestBody as { content: Record<string, { schema: { required: string[] } }> };
    expect(contractBody.content["application/json"]!.schema.required).toEqual(expect.arrayContaining(["seats", "startDate", "endDate"]));
  });

  it("serves a readable reference page without scripts", async () => {
    const res = await ctx.call("GET", "/docs", { key: null });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain("PUT /v1/accounts/{accountId}/contract");
    expect(html).not.toContain("<script");
  });
});
