import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REQUEST_TIMEOUT_MS, startNodeServer } from "../../server/node.ts";
import type { NodeServer } from "../../server/node.ts";
import { createTestContext, dbFingerprint } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => ctx.close());

/** `{"name":"<0xFF>","timezone":"UTC"}`: one byte that is not UTF-8. */
function invalidUtf8Body(): Uint8Array<ArrayBuffer> {
  const head = new TextEncoder().encode('{"name":"');
  const tail = new TextEncoder().encode('","timezone":"UTC"}');
  return new Uint8Array([...head, 0xff, ...tail]);
}

describe("request bodies", () => {
  it("answers 400 to a body that is not UTF-8, storing nothing (not U+FFFD)", async () => {
    const before = await dbFingerprint(ctx);
    for (const [path, method, headers] of [
      ["/v1/accounts/acme", "PUT", { authorization: `Bearer ${ctx.tenant.secretKey}`, "content-type": "application/json" }],
      ["/v1/events", "POST", { authorization: `Bearer ${ctx.tenant.secretKey}`, "content-type": "application/json" }],
      ["/v1/widget/preferences", "POST", { "content-type": "text/plain" }],
    ] as const) {
      const res = await ctx.app.request(path, { method, headers, body: invalidUtf8Body() });
      const text = await res.text();
      expect(res.status, `${path}: ${text}`).toBe(400);
      expect(JSON.parse(text)).toMatchObject({ error: { code: "bad_request" } });
    }
    expect(await dbFingerprint(ctx)).toBe(before);
  });
});

describe("the Node server", () => {
  let dir: string;
  let server: NodeServer;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "tenure-limits-"));
    server = await startNodeServer({ port: 0, databaseUrl: `file:${join(dir, "t.db")}`, tickIntervalMs: 0 });
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives a client 30 s for a whole request, not Node's default 300 s", () => {
    expect(REQUEST_TIMEOUT_MS).toBe(30_000);
    expect((server.http as Server).requestTimeout).toBe(REQUEST_TIMEOUT_MS);
  });
});
