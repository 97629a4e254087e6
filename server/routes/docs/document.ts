import { OpenAPIHono } from "@hono/zod-openapi";
import { apiRoutes } from "../api.ts";
import { hotRoutes } from "../hot.ts";
import { WEBHOOK_EVENTS, deliveryHeaders, envelope } from "../webhooks/events.ts";

export interface DocumentOptions {
  /** `PUBLIC_URL`; without it the document's server is relative ("/"), never a request's Host. */
  publicUrl?: string;
}

const DESCRIPTION = [
  "Renewal and entitlement API for in-app renewal widgets.",
  "",
  'Server routes take `Authorization: Bearer sk_…`; widget routes take the publishable key and a user token in a `text/plain` JSON body. Every error is `{"error":{"code","message","requestId"}}` with a 4xx status for bad input.',
  "",
  "## Guides",
  "",
  "- [Quick start](/docs/guides/quick-start.md)",
  "- [The widget's JavaScript API](/docs/guides/widget-js-api.md): every call and event",
  "- [Content Security Policy](/docs/guides/csp.md): directives and the nonce",
  "- [Enforcing locks on your server](/docs/guides/enforcing-locks.md)",
  "- [Webhooks](/docs/guides/webhooks.md): the catalog, verification in Node and Python",
  "- [React and Next.js](/docs/guides/react-nextjs.md)",
  "- [Local testing](/docs/guides/local-testing.md)",
  "- [Settings reference](/docs/guides/settings.md)",
  "- [Deploying to Cloudflare Workers](/docs/guides/deploy-workers.md)",
].join("\n");

/** Route groups in the order a vendor meets them. */
const TAGS = [
  { name: "Accounts", description: "Your customers and their contract terms. `endDate` is the last day, inclusive, in the account's zone." },
  { name: "Entitlement", description: "What an account's users may do at an instant, and until exactly when; signed for offline checks." },
  { name: "Grants", description: "Gifts of seats, time and features: a ledger. Time moves access, never the contract end." },
  { name: "Renewals", description: "One-click renewal: start, complete, fail; Stripe's webhook." },
  { name: "Usage", description: "Usage signals in, daily rollups out." },
  { name: "Checklists", description: "Onboarding checklists that tick themselves off from usage." },
  { name: "Health", description: "Health score, risk band and the scorecard behind them." },
  { name: "Seats", description: "Who holds the seats." },
  { name: "Plans", description: "Plans and their features." },
  { name: "Reports", description: "Renewals and ARR by month, retention, gift recommendations." },
  { name: "Settings", description: "Per-tenant settings (see the settings guide)." },
  { name: "Webhooks", description: "Endpoints and deliveries; every event is in the webhooks section." },
  { name: "Webhook events", description: "What Tenure sends to your endpoints (Standard Webhooks)." },
  { name: "Widget", description: "Called by the widget from end users' browsers: text/plain JSON bodies with the publishable key and user token." },
  { name: "Widget files", description: "The loader and the widget's scripts." },
  { name: "Service", description: "Liveness, this document and the reference." },
];

let combined: OpenAPIHono | undefined;
const documents = new Map<string, Record<string, unknown>>();

/** Every declared route in one registry: the API's and the hot routes'. */
function allRoutes(): OpenAPIHono {
  if (combined) return combined;
  combined = new OpenAPIHono();
  for (const registry of [apiRoutes.openAPIRegistry, hotRoutes.openAPIRegistry]) {
    for (const definition of registry.definitions) {
      if (definition.type !== "route") continue;
      combined.openAPIRegistry.registerPath(definition.route);
    }
  }
  for (const [type, event] of Object.entries(WEBHOOK_EVENTS)) {
    combined.openAPIRegistry.registerWebhook({
      method: "post",
      path: type,
      tags: ["Webhook events"],
      summary: event.summary,
      description:
        "Sent to each endpoint subscribed to this type. Answer 2xx within 10 s; anything else is retried with back-off. Verify the signature on the raw body before parsing.",
      request: { headers: deliveryHeaders, body: { required: true, content: { "application/json": { schema: envelope(type, event.data) } } } },
      responses: { 200: { description: "Received (any 2xx)" } },
    });
  }
  return combined;
}

/** The OpenAPI 3.1 document served at `/v1/openapi.json` and used to generate the SDK's types. */
export function openApiDocument(options: DocumentOptions): Record<string, unknown> {
  const server = options.publicUrl ?? "/";
  const cached = documents.get(server);
  if (cached) return cached;
  const document = allRoutes().getOpenAPI31Document({
    openapi: "3.1.0",
    info: { title: "Tenure API", version: "1", description: DESCRIPTION },
    servers: [{ url: server }],
    tags: TAGS,
  }) as unknown as Record<string, unknown>;
  document.components = {
    ...(document.components as Record<string, unknown> | undefined),
    securitySchemes: { secretKey: { type: "http", scheme: "bearer", description: "Your secret key, sk_…" } },
  };
  documents.set(server, document);
  return document;
}
