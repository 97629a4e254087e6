import type { JSX } from "preact";
import type { WidgetContext } from "./context.ts";

interface Props {
  ctx: WidgetContext;
  autofocus?: boolean;
}

/**
 * The way out, in every variant: one click starts the renewal. For a role the vendor does
 * not let renew, it says who can instead of showing a button that leads nowhere. While a
 * renewal is pending it leads back to checkout; an invoice has nothing to click.
 */
export function RenewButton({ ctx, autofocus }: Props): JSX.Element | null {
  const { t, data, host } = ctx;
  const { canRenew, pending, provider, url } = data.renewal;
  const email = data.branding.supportEmail;
  // Renewals not set up: a clear way to the vendor, never a silent invoice.
  if (provider === "none" && email) {
    return (
      <span class="m">
        {t("renewByEmail", { email: "" })}
        <a href={"mailto:" + email}>{email}</a>
      </span>
    );
  }
  if (!canRenew) return <span class="m">{t("noRenewUrl")}</span>;
  if (pending && (provider ?? (url ? "url" : "invoice")) === "invoice") return null;
  const starting = host.ui.starting;
  return (
    <button type="button" class="pri" part="renew-button" autofocus={autofocus} disabled={starting} aria-busy={starting} onClick={ctx.actions.renew}>
      {t(starting ? "starting" : pending ? "continuePayment" : "renew")}
    </button>
  );
}
