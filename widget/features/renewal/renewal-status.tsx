import type { JSX } from "preact";
import { PANEL_CSS } from "../panel-styles.ts";
import type { WidgetContext } from "../../components/context.ts";
import { EndTime } from "../../components/end-time.tsx";
import { flowOf } from "./flow.ts";
import type { Invoice } from "./flow.ts";
import { renewalText } from "./messages.ts";
import { formatMoney } from "./money.ts";
import { RENEWAL_CSS } from "./styles.ts";

/**
 * A started renewal: awaiting payment (an invoice's reference and amount, or the way back to
 * checkout), the 24-hour hold with its exact end, or why it could not start.
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
      {pending && hold !== null && hold > ctx.now ? <EndTime ctx={ctx} end={hold} message={(params) => t("hold", params)} /> : null}
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

function InvoiceDetails({ ctx, invoice }: { ctx: WidgetContext; invoice: Invoice }): JSX.Element {
  const t = renewalText(ctx.lang);
  const zone = ctx.data.account.timezone;
  const due = Number.isFinite(invoice.dueAt) ? new Intl.DateTimeFormat(ctx.locale, { dateStyle: "medium", timeZone: zone }).format(invoice.dueAt) : null;
  return (
    <>
      <dl>
        <dt>{t("reference")}</dt>
        <dd class="ref" data-reference>
          {invoice.reference}
        </dd>
        {invoice.amount ? <dt>{t("amount")}</dt> : null}
        {invoice.amount ? <dd data-amount>{formatMoney(invoice.amount, ctx.locale)}</dd> : null}
        {due ? <dt>{t("payBy")}</dt> : null}
        {due ? <dd>{due}</dd> : null}
      </dl>
      <p class="m">{t("invoiceHelp")}</p>
    </>
  );
}
