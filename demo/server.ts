/**
 * The demo: the Tenure API plus "Planboard", a project-management SaaS host app at /demo/
 * that embeds the real snippet, with a seeded tenant and an account in every state.
 */
import { signUserToken } from "../server/lib/jwt.ts";
import { startNodeServer } from "../server/node.ts";
import type { NodeServer } from "../server/node.ts";
import { mountDemo } from "./routes.ts";
import type { DemoDeps } from "./routes.ts";
import { seedHistories } from "./history.ts";
import { seedAll } from "./seed.ts";
import type { MintToken, Requester } from "./seed.ts";
import { ensureDemoTenant } from "./tenant.ts";
import { seedPortfolio } from "./portfolio.ts";
import { demoStaffLink } from "./staff.ts";

export interface DemoOptions {
  port: number;
  host?: string;
  databaseUrl?: string;
  widgetDir?: string;
}

export interface DemoServer extends NodeServer {
  /** The demo tenant's id (for CLI commands such as `staff link --tenant`). */
  tenantId: string;
  /** A one-time sign-in link for the demo's staff owner (15 minutes). */
  staffSignInUrl: string;
}

export async function startDemo(options: DemoOptions): Promise<DemoServer> {
  const host = options.host ?? "127.0.0.1";
  const baseUrl = `http://${host}:${options.port}`;
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL ?? "file:./data/tenure.db";
  let tenantId = "";
  const server = await startNodeServer({
    port: options.port,
    host,
    databaseUrl,
    ...(options.widgetDir ? { widgetDir: options.widgetDir } : {}),
    extend: async (app, db) => {
      let resolveDeps: (deps: DemoDeps) => void = () => {};
      mountDemo(app, new Promise<DemoDeps>((resolve) => (resolveDeps = resolve)));
      const tenant = await ensureDemoTenant(db, {
        origins: [baseUrl, `http://localhost:${options.port}`, `http://127.0.0.1:${options.port}`],
        baseUrl,
      });
      // Tokens are minted here, on the server, as a vendor's backend would; they live 12 hours.
      const mint: MintToken = (claims) => signUserToken({ ...claims, exp: Math.floor(Date.now() / 1000) + 12 * 3600 }, tenant.identitySecret);
      const request: Requester = async (path, init) => app.request(path, init);
      // Re-seeded on every start, so end dates are always relative to now.
      await seedAll(request, tenant, mint, Date.now());
      // Usage histories and the onboarding checklist, through the public API as a vendor would.
      await seedHistories(request, tenant, Date.now());
      // A book of accounts across months, currencies and risk bands for the console.
      await seedPortfolio(request, tenant.secretKey, Date.now());
      tenantId = tenant.tenantId;
      resolveDeps({ tenant, mint });
    },
  });
  return Object.assign(server, { tenantId, staffSignInUrl: await demoStaffLink(server.db, { tenantId, baseUrl: server.url, now: Date.now() }) });
}
