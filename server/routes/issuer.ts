import type { Context } from "hono";
import type { AppEnv } from "../env.ts";

/** The `iss` of entitlement tokens: `PUBLIC_URL` when configured, else the origin this request reached. */
export function issuerOf(c: Context<AppEnv>): string {
  return c.get("deps").publicUrl ?? new URL(c.req.url).origin;
}
