import { z } from "zod";

/** Configuration, parsed once at each entry: bad config fails loudly at start. */
export const configSchema = z.object({
  DATABASE_URL: z.string().min(1).default("file:./data/tenure.db"),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
  /**
   * Node only: the primary (`libsql://…`, `https://…`) that `DATABASE_URL`, then a local file, is an
   * embedded replica of. Reads are served from the file; writes go to the primary.
   */
  DATABASE_SYNC_URL: z.string().regex(/^(libsql|https?|wss?):\/\//, "a libsql://, https:// or http:// URL").optional(),
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
});
export type Config = z.infer<typeof configSchema>;

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new Error(`Invalid configuration:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}
