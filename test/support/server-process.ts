/**
 * A second Tenure server in its own OS process, on the same database file as the test:
 * what "two processes, one database" means. Prints `{"url"}` once listening; SIGTERM closes it.
 * Run through `spawnServer` (processes.ts).
 */
import { startNodeServer } from "../../server/node.ts";

const server = await startNodeServer({
  port: 0,
  databaseUrl: process.env.DATABASE_URL,
  tickIntervalMs: Number(process.env.TENURE_TICK_MS ?? "0"),
  allowPrivateWebhookTargets: process.env.TENURE_ALLOW_PRIVATE === "1",
});
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
process.on("SIGTERM", () => {
  void server.close().then(() => process.exit(0));
});
