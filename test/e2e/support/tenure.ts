/**
 * A real Tenure server for end-to-end tests: the Node entry over a temp libSQL file, a
 * tenant created the way the CLI does, and a server clock the test can move forward
 * (the browser's clock is moved with Playwright's `page.clock`, the server's with `advance`).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { signUserToken } from "../../../server/lib/jwt.ts";
import { startNodeServer } from "../../../server/node.ts";
import { createTenant } from "../../../server/services/tenants/create-tenant.ts";
import { seedScenario } from "../../../demo/seed.ts";
import type { Requester } from "../../../demo/seed.ts";
import type { Scenario } from "../../../demo/scenarios.ts";

export const WIDGET_DIR = resolve(fileURLToPath(new URL("../../../dist/widget", import.meta.url)));

export interface TestTenure {
  url: string;
  publishableKey: string;
  secretKey: string;
  /** The server's clock (epoch ms), which `advance` moves. */
  now(): number;
  advance(ms: number): void;
  /** A user token; `exp` (Unix seconds) defaults to 20 hours from the server's now. */
  token(claims: { sub: string; acct: string; role: "admin" | "member"; name?: string; exp?: number }): Promise<string>;
  seed(scenario: Scenario): Promise<void>;
  /** The public API with the secret key. */
  api(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

/** The bank details the test tenant's invoices ask end users to pay to. */
export const INVOICE_INSTRUCTIONS = "Planboard GmbH\nIBAN DE89 3704 0044 0532 0130 00 · BIC COBADEFFXXX";

export function assertWidgetBuilt(): void {
  for (const file of ["widget.js", "app.js"]) {
    if (!existsSync(join(WIDGET_DIR, file))) throw new Error(`dist/widget/${file} is missing: build the widget first (npx vite build)`);
  }
}

export async function startTenure(options: { origins: string[]; renewalUrl?: string | null }): Promise<TestTenure> {
  assertWidgetBuilt();
  const dir = mkdtempSync(join(tmpdir(), "tenure-e2e-"));
  let shift = 0;
  const clock = (): number => Date.now() + shift;
  const server = await startNodeServer({ port: 0, databaseUrl: "file:" + join(dir, "tenure.db"), widgetDir: WIDGET_DIR, clock });
  const tenant = await createTenant(server.db, {
    name: "Planboard",
    origins: options.origins,
    now: clock(),
    settings: {
      productName: "Planboard",
      accentColor: "#0f766e",
      renewalUrl: options.renewalUrl === undefined ? "https://billing.planboard.test/renew?account={accountId}" : options.renewalUrl,
      // Without a renewal URL, renewals are invoices: paid by bank transfer to these details.
      ...(options.renewalUrl === null ? { renewalProvider: "invoice" as const, invoicePaymentInstructions: INVOICE_INSTRUCTIONS } : {}),
      renewalRoles: ["admin", "member"],
      supportEmail: "billing@planboard.test",
    },
  });
  const request: Requester = async (path, init) => server.app.request(path, init);
  const keys = { publishableKey: tenant.publishableKey, secretKey: tenant.secretKey };
  const token: TestTenure["token"] = (claims) => signUserToken({ exp: Math.floor(clock() / 1000) + 20 * 3600, ...claims }, tenant.identitySecret);
  return {
    url: server.url,
    ...keys,
    now: clock,
    advance: (ms) => void (shift += ms),
    token,
    seed: (scenario) => seedScenario(request, keys, token, scenario, clock()),
    api: (method, path, body) =>
      request(path, {
        method,
        headers: { Authorization: `Bearer ${tenant.secretKey}`, "Content-Type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
