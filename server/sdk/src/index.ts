/**
 * `@tenure/node`: what a vendor's backend needs — user tokens for the widget, webhook
 * verification, and a typed client for the server API. Node ≥ 20 and Cloudflare Workers.
 */
export { mintUserToken } from "./mint-user-token.ts";
export type { MintUserTokenOptions } from "./mint-user-token.ts";
export { verifyWebhook } from "./verify-webhook.ts";
export type { HeadersLike, TenureWebhookEvent } from "./verify-webhook.ts";
export { createTenureClient } from "./client.ts";
export type { TenureApiClient, TenureClientOptions, components, paths, webhooks } from "./client.ts";
