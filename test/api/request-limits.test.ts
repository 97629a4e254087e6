import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REQUEST_TIMEOUT_MS, startNodeServer } from "../../server/node.ts";
import type { NodeServer } from "../../server/node.ts";
import { signUserToken } from "../../server/lib/jwt.ts";
import { createTenant } from "../../server/services/tenants/create-tenant.ts";
import { createTestContext, dbFingerprint, INVOICE_SETTINGS } from "../support/api.ts";
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
      ["/v1/widget/bootstrap", "POST", { "content-type": "text/plain" }],
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

describe("the request timeout bounds uploads, not push streams", () => {
  const TIMEOUT = 1_500;
  let dir: string;
  let server: NodeServer;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "tenure-limits-"));
    server = await startNodeServer({ port: 0, databaseUrl: `file:${join(dir, "t.db")}`, tickIntervalMs: 0, requestTimeoutMs: TIMEOUT });
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("cuts a body that never finishes arriving", async () => {
    const tenant = await createTenant(server.db, { name: "Acme", origins: [], now: Date.now() });
    const { port } = new URL(server.url);
    const socket = connect(Number(port), "127.0.0.1");
    let answer = "";
    let closed = false;
    socket.on("data", (chunk) => (answer += chunk.toString()));
    const ended = new Promise<void>((done) =>
      socket.on("close", () => {
        closed = true;
        done();
      }),
    );
    socket.write(
      `POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${tenant.secretKey}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"events":[`,
    );
    // A slow upload is given its time: halfway to the timeout it is neither answered nor cut.
    await new Promise((wait) => setTimeout(wait, TIMEOUT / 2));
    expect({ closed, answer }).toEqual({ closed: false, answer: "" });
    // Then it is cut: a 408, or the socket closed without one.
    await ended;
    expect(answer === "" || answer.startsWith("HTTP/1.1 408"), answer).toBe(true);
  }, 15_000);

  it("keeps a widget's push stream open past it, and still delivers changes on it", async () => {
    const now = Date.now();
    const tenant = await createTenant(server.db, { name: "Acme", origins: ["https://app.example"], now, settings: INVOICE_SETTINGS });
    const api = (method: string, path: string, body: unknown): Promise<Response> =>
      fetch(server.url + path, {
        method,
        headers: { authorization: `Bearer ${tenant.secretKey}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await api("PUT", "/v1/accounts/acme", { name: "Acme", timezone: "UTC" })).status).toBe(201);
    expect((await api("PUT", "/v1/accounts/acme/contract", { seats: 5, startDate: "2026-01-01", endDate: "2027-06-30" })).status).toBe(201);
    const userToken = await signUserToken({ sub: "u1", acct: "acme", role: "admin", exp: Math.floor(now / 1000) + 3600 }, tenant.identitySecret);
    const stream = await fetch(server.url + "/v1/widget/stream", {
      method: "POST",
      headers: { "content-type": "text/plain;charset=UTF-8", origin: "https://app.example" },
      body: JSON.stringify({ publishableKey: tenant.publishableKey, userToken }),
    });
    expect(stream.status).toBe(200);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = "";
    const until = async (word: string): Promise<void> => {
      while (!seen.includes(word)) {
        const { done, value } = await reader.read();
        if (done) throw new Error(`the stream ended before "${word}"; it said: ${seen}`);
        seen += value;
      }
    };
    await until("ready");
    // Well past the timeout and at least one connection sweep.
    await new Promise((wait) => setTimeout(wait, TIMEOUT * 2.5));
    expect((await api("PUT", "/v1/accounts/acme/contract", { seats: 5, startDate: "2026-01-01", endDate: "2027-12-31" })).status).toBe(200);
    await until("change");
    await reader.cancel();
  }, 20_000);
});
