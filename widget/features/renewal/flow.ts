import type { FeatureHost } from "../../lib/feature-host.ts";

/** What the widget learnt from starting a renewal, beyond what the bootstrap says. */
export interface RenewalFlow {
  /** Where to pay (`stripe`, `url`); the bootstrap does not carry it. */
  checkoutUrl: string | null;
  /** The checkout tab did not open (popup blocked): the link must be clicked. */
  blocked: boolean;
  /** An invoice from the start answer, until the bootstrap carries it. */
  invoice: Invoice | null;
  error: "failed" | "forbidden" | null;
}

export interface Invoice {
  reference: string;
  amount: { value: number; currency: string } | null;
  dueAt: number;
}

export function flowOf(host: FeatureHost): RenewalFlow | null {
  return (host.store.renewal as RenewalFlow | undefined) ?? null;
}
