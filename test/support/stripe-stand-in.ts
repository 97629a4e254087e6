import { serve } from "@hono/node-server";
import type { ServerType } from "@hono/node-server";
import { createStripeStandIn } from "../../server/routes/renewals/stripe-stand-in.ts";
import type { StripeStandIn } from "../../server/routes/renewals/stripe-stand-in.ts";

/** The local Stripe stand-in served over real HTTP on 127.0.0.1, for the real Stripe SDK to call. */
export interface RunningStandIn extends StripeStandIn {
  api: { host: string; port: number; protocol: "http" };
  url: string;
  close(): Promise<void>;
}

export async function startStripeStandIn(options: {
  webhookSecret: string;
  deliver: (payload: string, signature: string) => Promise<void>;
  clock: () => number;
}): Promise<RunningStandIn> {
  const standIn = createStripeStandIn(options);
  const server = await new Promise<ServerType>((ready) => {
    const started: ServerType = serve({ fetch: standIn.app.fetch, port: 0, hostname: "127.0.0.1" }, () => ready(started));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return Object.assign(standIn, {
    api: { host: "127.0.0.1", port, protocol: "http" as const },
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  });
}
