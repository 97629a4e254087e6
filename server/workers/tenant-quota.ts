import { z } from "zod";
import { takeTokens } from "../lib/rate-limit.ts";
import type { Bucket } from "../lib/rate-limit.ts";
import type { DurableObjectState } from "./bindings.ts";

const chargeBody = z.strictObject({
  cost: z.int().min(1),
  perSecond: z.number().positive(),
  burst: z.number().positive(),
});

/**
 * One tenant's event quota, exact across every isolate: a Durable Object per tenant
 * (`idFromName(tenantId)`) runs one request at a time, so the bucket below is never read
 * and written by two isolates at once. It is the same bucket arithmetic as the Node
 * entry's in-process limiter (`takeTokens`). The bucket is kept in the object's storage, so
 * an evicted object does not hand the tenant a fresh burst.
 */
export class TenantQuota {
  #bucket: Bucket | undefined;
  readonly #state: DurableObjectState;

  constructor(state: DurableObjectState, _env: unknown) {
    this.#state = state;
    void state.blockConcurrencyWhile(async () => {
      this.#bucket = await state.storage.get<Bucket>("bucket");
    });
  }

  /** `POST /charge {cost, perSecond, burst}` → `{ok: true}` or `{ok: false, retryAfterSeconds}`. */
  async fetch(request: Request): Promise<Response> {
    const parsed = chargeBody.safeParse(await request.json().catch(() => null));
    if (!parsed.success) return Response.json({ error: "bad charge" }, { status: 400 });
    const { cost, perSecond, burst } = parsed.data;
    const { bucket, outcome } = takeTokens(this.#bucket, cost, Date.now(), { perSecond, burst });
    this.#bucket = bucket;
    // Not awaited: the output gate holds our answer until the write is durable.
    void this.#state.storage.put("bucket", bucket);
    return Response.json(outcome);
  }
}
