import { stateAt } from "../../../shared/entitlement/timeline.ts";
import type { FeatureHost } from "../../lib/feature-host.ts";
import { timelineOf } from "../../lib/view.ts";
import { postWidget, safeUrl } from "../api.ts";
import type { Invoice, RenewalFlow } from "./flow.ts";

interface StartAnswer {
  renewal?: { provider?: string };
  checkoutUrl?: string | null;
  invoice?: { reference: string; amount: { value: number; currency: string } | null; dueAt: string } | null;
}

/**
 * `POST /v1/widget/renewals`: starts the renewal (or answers the one already open, so double
 * clicks make one). A checkout goes to the tab opened in the click, or to a link when the
 * browser blocked it; an invoice shows its reference. Then the widget re-syncs: the hold and
 * the pending renewal come from the bootstrap, and it re-reads every second until paid.
 */
export async function startRenewal(host: FeatureHost, tab: Window | null): Promise<void> {
  const data = host.data();
  if (!data) return void tab?.close();
  const answer = await postWidget<StartAnswer>(host, "/renewals", { contractEndsAt: data.entitlement.contractEndsAt });
  const body = answer.body;
  if ((answer.status === 200 || answer.status === 201) && body) {
    const checkoutUrl = safeUrl(body.checkoutUrl);
    const flow: RenewalFlow = { checkoutUrl, blocked: false, invoice: invoiceOf(body.invoice), error: null };
    if (checkoutUrl && tab && !tab.closed) tab.location.href = checkoutUrl;
    else if (checkoutUrl) flow.blocked = true;
    else tab?.close();
    host.store.renewal = flow;
    if (answer.status === 201) host.emit("renewal", { action: "started", via: body.renewal?.provider ?? data.renewal.provider ?? "url" });
    // If the hold lifts the lock, the renewal panel keeps the invoice or the way to checkout in sight.
    if (stateAt(timelineOf(data), host.now()) !== "active") host.ui.panel = "renew";
  } else {
    tab?.close();
    // 409: renewed meanwhile, or renewals not set up; the fresh bootstrap tells which.
    if (answer.status !== 409) host.store.renewal = { checkoutUrl: null, blocked: false, invoice: null, error: answer.status === 403 ? "forbidden" : "failed" };
  }
  host.sync();
}

function invoiceOf(invoice: StartAnswer["invoice"]): Invoice | null {
  if (!invoice || typeof invoice.reference !== "string") return null;
  return { reference: invoice.reference, amount: invoice.amount ?? null, dueAt: Date.parse(invoice.dueAt) };
}
