import { tick } from "../../server/services/scheduler/tick.ts";
import { createTestContext, seedAccount } from "../support/api.ts";
import type { SoakRow } from "./support.ts";

/** A renewal row libSQL cannot even hand back, beside another tenant's healthy one: the job goes on. */
export async function poisonedRow(): Promise<SoakRow[]> {
  const ctx = await createTestContext();
  try {
    const other = await ctx.createTenant("Other Vendor", { renewalProvider: "invoice", invoicePaymentInstructions: "IBAN DE00 0000 0000 0000" });
    const contract = { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31", amount: { value: 1_200_000, currency: "EUR" } };
    await seedAccount(ctx, "acme", { name: "Acme", timezone: "UTC" }, contract);
    await seedAccount(ctx, "beta", { name: "Beta", timezone: "UTC" }, contract, other.secretKey);
    const poisoned = (await (await ctx.call("POST", "/v1/accounts/acme/renewals")).json()) as { id: string };
    const healthy = await ctx.call("POST", "/v1/accounts/beta/renewals", { key: other.secretKey });
    await ctx.client.execute({ sql: "UPDATE renewals SET amount_value = 9223372036854775000 WHERE id = ?", args: [poisoned.id] });
    ctx.clock.now += 15 * 86_400_000;
    const errors: number[] = [];
    const quiet = console.error;
    console.error = () => undefined; // the guard logs the bad row each time; the table says enough
    let expired = 0;
    try {
      for (let i = 0; i < 5; i++) {
        const done = await tick(ctx.db, ctx.clock.now + i * 10_000);
        expired += done["expire-renewals"] ?? 0;
        errors.push(...Object.values(done).filter((n) => n < 0));
      }
    } finally {
      console.error = quiet;
    }
    const beta = (await (
      await ctx.call("GET", `/v1/accounts/beta/renewals/${((await healthy.json()) as { id: string }).id}`, { key: other.secretKey })
    ).json()) as { status: string };
    return [
      {
        scenario: "poisoned row",
        figure: `5 ticks: ${errors.length} failed jobs; other tenant's renewal ${beta.status}; ${expired} expired in all`,
        ok: errors.length === 0 && beta.status === "expired" && expired === 1,
      },
    ];
  } finally {
    await ctx.close();
  }
}
