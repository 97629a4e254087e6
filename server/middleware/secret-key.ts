import type { MiddlewareHandler } from "hono";
import { TenureError } from "../../shared/errors.ts";
import type { AppEnv } from "../env.ts";

/**
 * Server routes: `Authorization: Bearer sk_…`. The tenant comes from the key and nothing
 * else; a publishable key is recognised and refused.
 */
export const requireSecretKey: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new TenureError("unauthorized", "send your secret key as Authorization: Bearer sk_…");
  const resolved = await c.get("resolveKey")(match[1]!);
  if (!resolved) throw new TenureError("unauthorized", "unknown or revoked key");
  if (resolved.kind !== "secret") {
    throw new TenureError("forbidden", "a publishable key reaches only widget routes; use your secret key on the server");
  }
  c.set("tenant", resolved.tenant);
  c.set("keyId", resolved.keyId);
  await next();
};
