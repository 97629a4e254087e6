import createClient from "openapi-fetch";
import type { Client } from "openapi-fetch";
import type { paths } from "./openapi.gen.ts";

export type { components, paths, webhooks } from "./openapi.gen.ts";

export interface TenureClientOptions {
  /** Where Tenure runs, e.g. `https://tenure.example.com`. */
  baseUrl: string;
  /** Your secret key, `sk_…`. Server side only. */
  secretKey: string;
  /** A fetch to use instead of the global one (tests, proxies). */
  fetch?: typeof globalThis.fetch;
}

export type TenureApiClient = Client<paths>;

/**
 * A typed client for the server API, its types generated from Tenure's OpenAPI document
 * (`openapi-typescript`) and its calls made by `openapi-fetch`: paths, parameters, bodies and
 * answers are checked by the compiler. Calls resolve to `{ data }` or `{ error }` (the
 * `{"error":{"code","message","requestId"}}` body); they do not throw on 4xx.
 * @example
 * const tenure = createTenureClient({ baseUrl: "https://tenure.example.com", secretKey: process.env.TENURE_SECRET_KEY! });
 * const { data, error } = await tenure.GET("/v1/accounts/{accountId}/entitlement", { params: { path: { accountId: "acme" } } });
 */
export function createTenureClient(options: TenureClientOptions): TenureApiClient {
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    headers: { Authorization: `Bearer ${options.secretKey}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
