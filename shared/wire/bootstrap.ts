import type { EntitlementState, LockMode } from "../entitlement/timeline.ts";
import type { FeatureAnswer } from "../features/plan.ts";

/**
 * What `POST /v1/widget/bootstrap` answers: everything the widget needs to render in one
 * round trip. Instants are epoch milliseconds on the server's clock; `serverNow` lets the
 * widget learn its clock offset. Types only, so the widget bundle stays free of zod.
 */
export interface BootstrapResponse {
  etag: string;
  serverNow: number;
  /** The account's locale, if the vendor set one; the widget prefers its `init` option. */
  locale: string | null;
  account: { id: string; name: string; timezone: string };
  /** `seated` is false when the seat policy left no seat for this user ("ask your admin"). */
  user: { id: string; role: "admin" | "member"; name: string | null; seated?: boolean };
  entitlement: {
    state: EntitlementState;
    lockMode: LockMode;
    readOnly: boolean;
    contractEndsAt: number;
    expiringFrom: number;
    accessEndsAt: number;
    graceEndsAt: number;
    nextChangeAt: number | null;
    /** A pending renewal's hold on access, if any. */
    holdUntil: number | null;
  };
  /** Only for users whose token says `admin`. */
  seats: {
    purchased: number;
    bonus: number;
    licensed: number;
    used: number;
    active: number;
    policy?: "allow" | "block" | "overage";
    /** Seats that may be held (licensed, plus overage seats); null when the policy is `allow`. */
    limit?: number | null;
  } | null;
  /** The account's features (plan + grants); `resetsAt` in epoch ms. */
  features?: Record<string, FeatureAnswer>;
  /** The signed entitlement (compact EdDSA JWS) the host's backend can verify offline against the tenant's JWKS. */
  entitlementToken?: string;
  renewal: {
    /** Where the renew button leads (vendor-configured), with the account prefilled; null hides it. */
    url: string | null;
    canRenew: boolean;
    pending: { id: string; status: string; startedAt: number; expiresAt?: number } | null;
    /** How renewals are paid: `url` (vendor's page), `invoice` (bank transfer / PO), `stripe`; `none` when not set up (contact support). */
    provider?: "url" | "invoice" | "stripe" | "none";
    /** An invoice renewal awaiting payment: the reference to quote, the amount (minor units) and how to pay. */
    invoice?: { reference: string; amount: { value: number; currency: string } | null; dueAt: number; instructions?: string | null } | null;
    /** This user's "don't renew" answer this term; the widget does not ask them again while it is set. */
    declined?: { reason: string; at: number } | null;
    /** Someone else declined this term first (their name): shown beside the prompts, which stay. */
    declinedBy?: { name: string; at: number } | null;
  };
  branding: { productName: string; accentColor: string; supportEmail: string | null };
  /** The NPS question's window this term, when the vendor turned it on (`POST /v1/widget/nps` says whether to ask). */
  nps?: { from: number; until: number };
  /** Per-user memory on the server: banner dismissals and snoozes. */
  preferences: { bannerDismissedUntil: number | null; modalSnoozedUntil: number | null };
}

/** The body of `POST /v1/widget/bootstrap`, sent as `text/plain` so no CORS preflight is needed. */
export interface BootstrapRequest {
  publishableKey: string;
  userToken: string;
  /** The `etag` of a cached response; an unchanged answer is then a 304 with no body. */
  ifNoneMatch?: string;
}
