import type { TenantSettings } from "../tenants/settings.ts";

export type RenewalProvider = "url" | "invoice" | "stripe";

/**
 * The provider a tenant's renewals use: the one chosen, or by default `url` when a renewal
 * URL is set. Null when none is set up: nothing starts, the widget points to `supportEmail`.
 */
export function effectiveProvider(settings: TenantSettings): RenewalProvider | null {
  return settings.renewalProvider ?? (settings.renewalUrl ? "url" : null);
}

/** What is missing for the chosen provider to work, or null when it can take renewals (or none is chosen). */
export function providerProblem(settings: TenantSettings): string | null {
  const provider = effectiveProvider(settings);
  if (provider === "url" && !settings.renewalUrl) return "the url provider needs renewalUrl";
  if (provider === "invoice" && !settings.invoicePaymentInstructions) {
    return "the invoice provider needs invoicePaymentInstructions (the bank details end users pay to)";
  }
  if (provider === "stripe" && (!settings.stripeSecretKey || !settings.stripeWebhookSecret)) {
    return "the stripe provider needs stripeSecretKey and stripeWebhookSecret";
  }
  return null;
}

const REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/** A payment reference a person can read out and type into a bank transfer: `TNR-7KQ2-M9XD`. */
export function newPaymentReference(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const chars = [...bytes].map((byte) => REFERENCE_ALPHABET[byte % 32]).join("");
  return `TNR-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** What the `url` provider signs; every field is a query parameter of the same name. */
export interface RenewalLinkParams {
  account: string;
  renewal: string;
  /** The next term, `startDate/endDate`. */
  term: string;
  seats: number;
  /** Minor units; empty when the contract has no amount. */
  amount: number | null;
  currency: string | null;
  /** Unix seconds after which the vendor should refuse the link. */
  expires: number;
  /** Where to send the user back after paying; empty when none. */
  return: string | null;
}

/**
 * The string the `signature` parameter signs: `v1`, then each parameter's value (empty when
 * absent) in this order, joined by newlines. The signature is the lowercase hex of
 * HMAC-SHA256 over it, keyed with the UTF-8 bytes of `renewalLinkSecret` (or, when that is
 * not set, the tenant's identity secret).
 */
export function renewalLinkCanonical(params: RenewalLinkParams): string {
  return [
    "v1",
    params.account,
    params.renewal,
    params.term,
    String(params.seats),
    params.amount == null ? "" : String(params.amount),
    params.currency ?? "",
    String(params.expires),
    params.return ?? "",
  ].join("\n");
}

async function hmacHex(key: string, text: string): Promise<string> {
  const encoder = new TextEncoder();
  const cryptoKey = await crypto.subtle.importKey("raw", encoder.encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const signature = await crypto.subtle.sign("HMAC", cryptoKey, encoder.encode(text));
  return [...new Uint8Array(signature)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * The vendor's billing page with signed, expiring parameters (`account`, `renewal`, `term`,
 * `seats`, `amount`, `currency`, `expires`, `return`, `signature`). The vendor checks the
 * signature and `expires`, takes the payment, then calls `POST …/renewals/{renewal}/complete`.
 */
export async function signedRenewalLink(base: string, params: RenewalLinkParams, key: string): Promise<string> {
  const url = new URL(base.replaceAll("{accountId}", encodeURIComponent(params.account)));
  url.searchParams.set("account", params.account);
  url.searchParams.set("renewal", params.renewal);
  url.searchParams.set("term", params.term);
  url.searchParams.set("seats", String(params.seats));
  if (params.amount != null) url.searchParams.set("amount", String(params.amount));
  if (params.currency) url.searchParams.set("currency", params.currency);
  url.searchParams.set("expires", String(params.expires));
  if (params.return) url.searchParams.set("return", params.return);
  url.searchParams.set("signature", await hmacHex(key, renewalLinkCanonical(params)));
  return url.toString();
}

/**
 * Checks a signed renewal link, as a vendor's billing page would: the parameters as signed,
 * or null when the signature is wrong or the link has expired.
 * @example const params = await verifyRenewalLink(request.url, identitySecret, Date.now());
 */
export async function verifyRenewalLink(link: string, key: string, now: number): Promise<RenewalLinkParams | null> {
  const query = new URL(link).searchParams;
  const number = (name: string): number | null => (query.get(name) ? Number(query.get(name)) : null);
  const params: RenewalLinkParams = {
    account: query.get("account") ?? "",
    renewal: query.get("renewal") ?? "",
    term: query.get("term") ?? "",
    seats: number("seats") ?? 0,
    amount: number("amount"),
    currency: query.get("currency"),
    expires: number("expires") ?? 0,
    return: query.get("return"),
  };
  const expected = await hmacHex(key, renewalLinkCanonical(params));
  const given = query.get("signature") ?? "";
  let diff = expected.length ^ given.length;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  if (diff !== 0) return null;
  return params.expires * 1000 > now ? params : null;
}
