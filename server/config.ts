import { z } from "zod";

/** Configuration, parsed once at each entry: bad config fails loudly at start. */
export const configSchema = z.object({
  DATABASE_URL: z.string().min(1).default("file:./data/tenure.db"),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
  /**
   * Node only: the primary (`libsql://…`, `https://…`) that `DATABASE_URL`, then a local file, is an
   * embedded replica of. Reads are served from the file; writes go to the primary.
   */
  DATABASE_SYNC_URL: z
    .string()
    .regex(/^(libsql|https?|wss?):\/\//, "a libsql://, https:// or http:// URL")
    .optional(),
  /** How often the embedded replica pulls the primary's new writes, in seconds. */
  DATABASE_SYNC_INTERVAL: z.coerce.number().positive().max(3_600).default(1),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  /** The public origin of this server, used in links it hands out; defaults to the request's. */
  PUBLIC_URL: z.url().optional(),
  /**
   * Base64 AES-256 keys that seal stored secrets, the sealing key first (`new,old` during a
   * rotation). Required on Workers and for remote databases; the embedded default keeps one
   * in a key file beside the database instead.
   */
  TENURE_ENCRYPTION_KEY: z.string().min(1).optional(),
  /**
   * `1` lets webhook endpoints (and the Stripe API override) point at loopback and private
   * addresses, for trying webhooks against a receiver on this machine. Refused in production.
   */
  TENURE_ALLOW_PRIVATE_WEBHOOKS: z.enum(["0", "1"], { error: "must be 1 (allow) or 0" }).optional(),
  NODE_ENV: z.string().optional(),
});
export type Config = z.infer<typeof configSchema>;

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new Error(`Invalid configuration:\n${z.prettifyError(result.error)}`);
  }
  refusePrivateTargetsInProduction(result.data.TENURE_ALLOW_PRIVATE_WEBHOOKS === "1", result.data.NODE_ENV);
  return result.data;
}

/** Webhooks to this machine's own network are for local development; a production server must not make them (SSRF). */
export function refusePrivateTargetsInProduction(allowPrivate: boolean, nodeEnv: string | undefined): void {
  if (allowPrivate && nodeEnv === "production") {
    throw new Error(
      "Invalid configuration: TENURE_ALLOW_PRIVATE_WEBHOOKS=1 is for local development and is refused when NODE_ENV=production (unset one of them)",
    );
  }
}
