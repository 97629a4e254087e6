import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppDeps, AppEnv } from "./env.ts";
import { newId } from "./lib/ids.ts";
import { errorResponse, onError, onNotFound } from "./middleware/errors.ts";
import { requireSecretKey } from "./middleware/secret-key.ts";
import { accountRoutes } from "./routes/accounts/index.ts";
import { docsRoutes } from "./routes/docs/index.ts";
import { widgetRoutes } from "./routes/widget/index.ts";
import { assetRoutes } from "./routes/assets.ts";
import { createKeyCache } from "./services/tenants/resolve-key.ts";

/** The largest body any route accepts; routes bound their own bodies more tightly. */
const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * Builds the one Tenure app that both entries serve (`node.ts`, `worker.ts`).
 * @example const app = createApp({ db, clock: Date.now });
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const resolveKey = deps.resolveKey ?? createKeyCache(deps.db);

  app.use("*", async (c, next) => {
    const requestId = newId("req");
    c.set("requestId", requestId);
    c.set("deps", deps);
    c.set("resolveKey", resolveKey);
    await next();
    c.header("X-Request-Id", requestId);
  });
  app.use(
    "/v1/*",
    bodyLimit({ maxSize: MAX_REQUEST_BYTES, onError: (c) => errorResponse(c, "payload_too_large", "the body is too large") }),
  );

  app.get("/healthz", (c) => c.json({ ok: true }));
  app.route("/", assetRoutes);
  app.route("/", docsRoutes);
  app.route("/v1/widget", widgetRoutes);
  app.use("/v1/accounts/*", requireSecretKey);
  app.route("/v1/accounts", accountRoutes);

  app.onError(onError);
  app.notFound(onNotFound);
  return app;
}
