import { Hono } from "hono";
import Stripe from "stripe";

/**
 * A local stand-in for the part of Stripe that renewals use, for demos and tests: it answers
 * the SDK's `POST /v1/checkout/sessions` (form-encoded, idempotency keys honoured), serves a
 * plain checkout page, and on "Pay" sends Tenure a `checkout.session.completed` event signed
 * with the tenant's webhook secret, then returns to the session's `success_url`.
 *
 * Not mounted by `createApp`. To use it, serve it and point the tenant's `stripeApi` at it
 * (`{ host: "127.0.0.1", port, protocol: "http" }`, which needs `allowPrivateWebhookTargets`),
 * with any `sk_test_…` key and the same `whsec_…` secret here and in the tenant's settings.
 * @example app.route("/", createStripeStandIn({ webhookSecret, deliver }).app);
 */
export interface StripeStandInOptions {
  webhookSecret: string;
  /** Hands a signed event to Tenure's `POST /v1/stripe/webhooks/{tenantId}`. */
  deliver: (payload: string, signature: string) => Promise<void>;
  clock?: () => number;
}

export interface StandInSession {
  id: string;
  object: "checkout.session";
  url: string;
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid";
  mode: string;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  amount_total: number;
  currency: string;
  success_url: string;
  cancel_url: string | null;
  livemode: false;
  name: string;
}

export interface StripeStandIn {
  app: Hono;
  sessions: Map<string, StandInSession>;
  /** How many sessions the SDK asked for (idempotent replays included). */
  createRequests: number;
  /** A signed event about a session, as Stripe would send it. */
  signedEvent(type: string, sessionId: string, patch?: Partial<StandInSession>): Promise<{ payload: string; signature: string }>;
}

function randomId(prefix: string): string {
  return `${prefix}_${[...crypto.getRandomValues(new Uint8Array(12))].map((byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function createStripeStandIn(options: StripeStandInOptions): StripeStandIn {
  const clock = options.clock ?? Date.now;
  const app = new Hono();
  const byKey = new Map<string, { params: string; session: StandInSession }>();
  const standIn: StripeStandIn = {
    app,
    sessions: new Map(),
    createRequests: 0,
    async signedEvent(type, sessionId, patch = {}) {
      const session = { ...standIn.sessions.get(sessionId)!, ...patch };
      const created = Math.floor(clock() / 1000);
      const payload = JSON.stringify({
        id: randomId("evt"),
        object: "event",
        api_version: "2026-10-28.endive",
        created,
        type,
        data: { object: session },
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
      });
      const signature = await Stripe.webhooks.generateTestHeaderStringAsync({
        payload,
        secret: options.webhookSecret,
        timestamp: created,
        cryptoProvider: Stripe.createSubtleCryptoProvider(),
      });
      return { payload, signature };
    },
  };

  const stripeError = (message: string, type = "invalid_request_error"): { error: { type: string; message: string } } => ({ error: { type, message } });

  app.post("/v1/checkout/sessions", async (c) => {
    standIn.createRequests++;
    if (!/^Bearer (sk|rk)_test_/.test(c.req.header("authorization") ?? "")) return c.json(stripeError("Invalid API Key provided", "authentication_error"), 401);
    const text = await c.req.text();
    const form = new URLSearchParams(text);
    const key = c.req.header("idempotency-key");
    const earlier = key ? byKey.get(key) : undefined;
    if (earlier) {
      if (earlier.params !== text)
        return c.json(stripeError("Keys for idempotent requests can only be used with the same parameters", "idempotency_error"), 400);
      return c.json(earlier.session);
    }
    const amount = Number(form.get("line_items[0][price_data][unit_amount]"));
    const successUrl = form.get("success_url");
    if (!successUrl || !Number.isInteger(amount)) return c.json(stripeError("Missing required param"), 400);
    const id = randomId("cs_test");
    const metadata: Record<string, string> = {};
    for (const [name, value] of form) {
      const match = /^metadata\[(.+)\]$/.exec(name);
      if (match) metadata[match[1]!] = value;
    }
    const session: StandInSession = {
      id,
      object: "checkout.session",
      url: `${new URL(c.req.url).origin}/stand-in/stripe/pay/${id}`,
      status: "open",
      payment_status: "unpaid",
      mode: form.get("mode") ?? "payment",
      client_reference_id: form.get("client_reference_id"),
      metadata,
      amount_total: amount * Number(form.get("line_items[0][quantity]") ?? 1),
      currency: form.get("line_items[0][price_data][currency]") ?? "usd",
      success_url: successUrl,
      cancel_url: form.get("cancel_url"),
      livemode: false,
      name: form.get("line_items[0][price_data][product_data][name]") ?? "Renewal",
    };
    standIn.sessions.set(id, session);
    if (key) byKey.set(key, { params: text, session });
    return c.json(session);
  });

  app.get("/v1/checkout/sessions/:id", (c) => {
    const session = standIn.sessions.get(c.req.param("id"));
    return session ? c.json(session) : c.json(stripeError("No such checkout.session"), 404);
  });

  app.get("/stand-in/stripe/pay/:id", (c) => {
    const session = standIn.sessions.get(c.req.param("id"));
    if (!session) return c.text("No such checkout session", 404);
    const price = new Intl.NumberFormat("en", { style: "currency", currency: session.currency.toUpperCase() }).format(session.amount_total / 100);
    return c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Checkout (local stand-in for Stripe)</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main>
<p><small>Local stand-in for Stripe Checkout — no real payment is taken.</small></p>
<h1>${escapeHtml(session.name)}</h1><p>${escapeHtml(price)}</p>
<form method="post"><button type="submit">Pay ${escapeHtml(price)}</button></form>
<form method="post" action="/stand-in/stripe/pay/${session.id}/cancel"><button type="submit">Cancel</button></form>
</main></body></html>`);
  });

  app.post("/stand-in/stripe/pay/:id", async (c) => {
    const session = standIn.sessions.get(c.req.param("id"));
    if (!session) return c.text("No such checkout session", 404);
    session.status = "complete";
    session.payment_status = "paid";
    const { payload, signature } = await standIn.signedEvent("checkout.session.completed", session.id);
    await options.deliver(payload, signature);
    return c.redirect(session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id), 303);
  });

  app.post("/stand-in/stripe/pay/:id/cancel", (c) => {
    const session = standIn.sessions.get(c.req.param("id"));
    if (!session) return c.text("No such checkout session", 404);
    return c.redirect(session.cancel_url ?? session.success_url, 303);
  });

  return standIn;
}
