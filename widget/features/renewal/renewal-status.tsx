import type { JSX } from "preact";
import { PANEL_CSS } from "../panel-styles.ts";
import type { WidgetContext } from "../../components/context.ts";
import { formatMinute, zoneLabel } from "../../lib/local-time.ts";
import { flowOf } from "./flow.ts";
import type { Invoice } from "./flow.ts";
import { renewalText } from "./messages.ts";
import { formatMoney } from "./money.ts";
import { RENEWAL_CSS } from "./styles.ts";

/**
 * A started renewal: awaiting payment (an invoice's reference, amount and payment details, or
 * the way back to checkout), the subscription end, the hold and the due date, or why it
 * could not start.
 */
export function RenewalStatus({ ctx }: { ctx: WidgetContext }): JSX.Element | null {
  ctx.host.addStyles(RENEWAL_CSS);
  ctx.host.addStyles(PANEL_CSS);
  const t = renewalText(ctx.lang);
  const flow = flowOf(ctx.host);
  const { pending } = ctx.data.renewal;
  const hold = ctx.data.entitlement.holdUntil;
  const invoice: Invoice | null = pending ? (ctx.data.renewal.invoice ?? flow?.invoice ?? null) : null;
  const checkout = pending ? (flow?.checkoutUrl ?? null) : null;
  if (!pending && !flow?.error) return null;
  // The renewal panel is open over the banner: the banner only names the state, the panel has the details.
  if (ctx.host.ui.panel === "renew" && ctx.where !== "dialog") {
    return pending ? (
      <p role="status">
        <strong>{t(invoice ? "awaitingPayment" : "awaitingCheckout")}</strong>
      </p>
    ) : null;
  }
  return (
    <div class="rs" part="renewal-status" data-renewal={pending ? "pending" : "error"}>
      {flow?.error ? (
        <p class="warn full" role="alert">
          {t(flow.error)}
        </p>
      ) : null}
      {pending ? (
        <p role="status">
          <strong>{t(invoice ? "awaitingPayment" : "awaitingCheckout")}</strong>
        </p>
      ) : null}
      {pending ? <Facts ctx={ctx} hold={hold !== null && hold > ctx.now ? hold : null} invoice={invoice} /> : null}
      {pending && (hold === null || hold <= ctx.now) ? <p class="m">{t("noHold")}</p> : null}
      {invoice ? <InvoiceDetails ctx={ctx} invoice={invoice} /> : null}
      {checkout ? (
        <p>
          {flow?.blocked ? t("blocked") + " " : null}
          <a href={checkout} target="_blank" rel="noopener noreferrer">
            {t("openCheckout")}
          </a>
        </p>
      ) : null}
    </div>
  );
}

/**
 * Three distinct, labelled facts while a renewal is pending: when the subscription ends (or
 * ended), how long access is held meanwhile, and by when an invoice must be paid.
 */
function Facts({ ctx, hold, invoice }: { ctx: WidgetContext; hold: number | null; invoice: Invoice | null }): JSX.Element {
  const t = renewalText(ctx.lang);
  const zone = ctx.data.account.timezone;
  const minute = (end: number): string => `${formatMinute(end - 1, ctx.locale, zone)} (${zoneLabel(end - 1, ctx.locale, zone)})`;
  const contractEnd = ctx.data.entitlement.contractEndsAt;
  const due =
    invoice && Number.isFinite(invoice.dueAt) ? new Intl.DateTimeFormat(ctx.locale, { dateStyle: "medium", timeZone: zone }).format(invoice.dueAt) : null;
  return (
    <dl data-facts>
      <dt>{t(contractEnd > ctx.now ? "subscriptionEnd" : "subscriptionEnded")}</dt>
      <dd data-fact="subscription">{minute(contractEnd)}</dd>
      {hold !== null ? <dt>{t("heldUntil")}</dt> : null}
      {hold !== null ? <dd data-fact="hold">{minute(hold)}</dd> : null}
      {due ? <dt>{t("payBy")}</dt> : null}
      {due ? <dd data-fact="due">{due}</dd> : null}
    </dl>
  );
}

function InvoiceDetails({ ctx, invoice }: { ctx: WidgetContext; invoice: Invoice }): JSX.Element {
  const t = renewalText(ctx.lang);
  const instructions = ctx.data.renewal.invoice?.instructions;
  return (
    <>
      <dl>
        <dt>{t("reference")}</dt>
        <dd class="ref" data-reference>
          {invoice.reference}
        </dd>
        {invoice.amount ? <dt>{t("amount")}</dt> : null}
        {invoice.amount ? <dd data-amount>{formatMoney(invoice.amount, ctx.locale)}</dd> : null}
        {instructions ? <dt>{t("payTo")}</dt> : null}
        {instructions ? (
          <dd class="pay" data-instructions>
            {instructions}
          </dd>
        ) : null}
      </dl>
      <p class="m">{t("invoiceHelp")}</p>
    </>
  );
}
