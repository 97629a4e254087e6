import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../server/app.ts";
import { parseConfig } from "../../server/config.ts";
import { startNodeServer } from "../../server/node.ts";
import type { NodeServer } from "../../server/node.ts";
import { createTenant } from "../../server/services/tenants/create-tenant.ts";
import type { CreatedTenant } from "../../server/services/tenants/create-tenant.ts";
import { tick } from "../../server/services/scheduler/tick.ts";
import { createTestContext, dbFingerprint } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";
import type { WebhookReceiver } from "../support/webhook-receiver.ts";

const run = promisify(execFile);

describe("TENURE_ALLOW_PRIVATE_WEBHOOKS", () => {
  it("is refused at start when NODE_ENV=production, with a clear reason", async () => {
    expect(() => parseConfig({ TENURE_ALLOW_PRIVATE_WEBHOOKS: "1", NODE_ENV: "production" })).toThrow(
      /TENURE_ALLOW_PRIVATE_WEBHOOKS=1 is for local development.*NODE_ENV=production/,
    );
    expect(() => parseConfig({ TENURE_ALLOW_PRIVATE_WEBHOOKS: "yes" })).toThrow(/TENURE_ALLOW_PRIVATE_WEBHOOKS/);
    expect(parseConfig({ TENURE_ALLOW_PRIVATE_WEBHOOKS: "1", NODE_ENV: "development" }).TENURE_ALLOW_PRIVATE_WEBHOOKS).toBe("1");
    const dir = mkdtempSync(join(tmpdir(), "tenure-private-"));
    try {
      const started = await run(process.execPath, ["--import", "tsx", "server/node.ts"], {
        env: { ...process.env, TENURE_ALLOW_PRIVATE_WEBHOOKS: "1", NODE_ENV: "production", PORT: "0", DATABASE_URL: `file:${join(dir, "t.db")}` },
        timeout: 120_000,
      }).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(started.code).not.toBe(0);
      expect(started.stderr).toContain("TENURE_ALLOW_PRIVATE_WEBHOOKS=1 is for local development");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});

describe("local webhooks on a Node server started with TENURE_ALLOW_PRIVATE_WEBHOOKS=1", () => {
  let dir: string;
  let server: NodeServer;
  let tenant: CreatedTenant;
  let receiver: WebhookReceiver;
  let other: WebhookReceiver;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tenure-local-hooks-"));
    const saved = process.env.TENURE_ALLOW_PRIVATE_WEBHOOKS;
    process.env.TENURE_ALLOW_PRIVATE_WEBHOOKS = "1";
    try {
      server = await startNodeServer({ port: 0, databaseUrl: `file:${join(dir, "t.db")}`, tickIntervalMs: 100 });
    } finally {
      if (saved === undefined) delete process.env.TENURE_ALLOW_PRIVATE_WEBHOOKS;
      else process.env.TENURE_ALLOW_PRIVATE_WEBHOOKS = saved;
    }
    tenant = await createTenant(server.db, { name: "Local", origins: [], now: Date.now() });
    receiver = await startWebhookReceiver();
    other = await startWebhookReceiver();
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function call(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${tenant.secretKey}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  it("registers a loopback endpoint and delivers it a signed webhook.test that standardwebhooks verifies", async () => {
    const created = await call("POST", "/v1/webhooks/endpoints", { url: receiver.url, eventTypes: ["renewal.completed"] });
    expect(created.status, await created.clone().text()).toBe(201);
    const endpoint = (await created.json()) as { id: string; secret: string };
    const bystander = await call("POST", "/v1/webhooks/endpoints", { url: other.url });
    expect(bystander.status).toBe(201);

    const sent = await call("POST", `/v1/webhooks/endpoints/${endpoint.id}/test`);
    expect(sent.status, await sent.clone().text()).toBe(202);
    const queued = (await sent.json()) as { messageId: string; deliveryId: string; type: string };
    expect(queued.type).toBe("webhook.test");

    await vi.waitFor(() => expect(receiver.received).toHaveLength(1), { timeout: 20_000, interval: 50 });
    const [received] = receiver.received;
    const event = new Webhook(endpoint.secret).verify(received!.body, received!.headers as Record<string, string>) as {
      type: string;
      data: { endpointId: string };
    };
    expect(event.type).toBe("webhook.test");
    expect(event.data.endpointId).toBe(endpoint.id);
    expect(received!.headers["webhook-id"]).toBe(queued.messageId);
    // A forged signature does not verify: the test proves the receiver's check, not just its reachability.
    expect(() =>
      new Webhook(endpoint.secret).verify(received!.body.replace("webhook.test", "webhook.tested"), received!.headers as Record<string, string>),
    ).toThrow();

    await vi.waitFor(
      async () => {
        const log = (await (await call("GET", `/v1/webhooks/endpoints/${endpoint.id}/deliveries`)).json()) as { data: Array<{ id: string; status: string }> };
        expect(log.data.find((row) => row.id === queued.deliveryId)?.status).toBe("succeeded");
      },
      { timeout: 10_000, interval: 100 },
    );
    // Only the endpoint asked for gets a test event.
    expect(other.received).toHaveLength(0);
  });
});

describe("POST /v1/webhooks/endpoints/{id}/test", () => {
  let ctx: TestContext;
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    ctx = await createTestContext();
    receiver = await startWebhookReceiver(() => 410);
  });
  afterEach(async () => {
    await receiver.close();
    await ctx.close();
  });

  it("answers 404 for an unknown or another tenant's endpoint and 409 for a disabled one, queueing nothing", async () => {
    const app = createApp({ db: ctx.db, clock: () => ctx.clock.now, allowPrivateWebhookTargets: true });
    const call = (method: string, path: string, key: string, body?: unknown): Promise<Response> =>
      Promise.resolve(
        app.request(path, {
          method,
          headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
    const endpoint = (await (await call("POST", "/v1/webhooks/endpoints", ctx.tenant.secretKey, { url: receiver.url })).json()) as { id: string };
    const other = await ctx.createTenant("Other");
    const before = await dbFingerprint(ctx);
    const unknown = await call("POST", "/v1/webhooks/endpoints/whk_nothere/test", ctx.tenant.secretKey);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("not_found");
    expect((await call("POST", `/v1/webhooks/endpoints/${endpoint.id}/test`, other.secretKey)).status).toBe(404);
    expect((await call("POST", `/v1/webhooks/endpoints/${endpoint.id}/test`, "sk_notarealkeyatall")).status).toBe(401);
    expect(await dbFingerprint(ctx)).toBe(before);

    // The receiver answers 410 Gone to the first test event: the endpoint is disabled.
    expect((await call("POST", `/v1/webhooks/endpoints/${endpoint.id}/test`, ctx.tenant.secretKey)).status).toBe(202);
    await tick(ctx.db, ctx.clock.now, { allowPrivateWebhookTargets: true });
    expect(receiver.received).toHaveLength(1);
    const disabled = await call("POST", `/v1/webhooks/endpoints/${endpoint.id}/test`, ctx.tenant.secretKey);
    expect(disabled.status, await disabled.clone().text()).toBe(409);
    expect(((await disabled.json()) as { error: { code: string } }).error.code).toBe("conflict");
  });
});
