import Stripe from "stripe";
import { TenureError } from "../../../shared/errors.ts";
import { refuseTarget } from "../../lib/resolve-host.ts";
import type { TenantSettings } from "../tenants/settings.ts";

/**
 * A Stripe client for the tenant's account, over `fetch` so it runs on Node and Workers.
 * `stripeApi` points it at another host (a local stand-in); that host obeys the same
 * private-address rule as webhook endpoints.
 */
export async function stripeClient(settings: TenantSettings, allowPrivateTargets: boolean): Promise<Stripe> {
  if (!settings.stripeSecretKey) throw new TenureError("conflict", "renewals are not set up: stripeSecretKey is missing");
  const api = settings.stripeApi;
  if (api) {
    const refused = await refuseTarget(new URL(`${api.protocol}://${api.host}:${api.port}/`), { allowPrivate: allowPrivateTargets });
    if (refused) throw new TenureError("conflict", `stripeApi refused: ${refused}`);
  }
  return new Stripe(settings.stripeSecretKey, {
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 1,
    timeout: 15_000,
    ...(api ? { host: api.host, port: api.port, protocol: api.protocol } : {}),
  });
}

/** How far a Stripe signature's timestamp may be from our clock, either way. */
const STRIPE_TOLERANCE_S = 300;

/**
 * Verifies a Stripe webhook (signature and a 5-minute timestamp tolerance measured on our
 * clock, `now`, in both directions: the SDK alone accepts any future timestamp) and parses
 * it. A bad signature or a timestamp too old or too new is a 400 that changes nothing.
 */
export async function verifyStripeEvent(payload: string, signature: string, secret: string, now: number): Promise<Stripe.Event> {
  const stamp = /(?:^|,)\s*t=(\d{1,12})(?:,|$)/.exec(signature);
  if (stamp && Math.abs(Number(stamp[1]) - now / 1000) > STRIPE_TOLERANCE_S) {
    throw new TenureError("bad_request", "Stripe signature rejected: the timestamp is outside the tolerance zone");
  }
  try {
    return await Stripe.webhooks.constructEventAsync(payload, signature, secret, STRIPE_TOLERANCE_S, Stripe.createSubtleCryptoProvider(), now);
  } catch (error) {
    throw new TenureError("bad_request", `Stripe signature rejected: ${error instanceof Error ? error.message.split("\n")[0] : "invalid"}`);
  }
}
