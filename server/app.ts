import { Hono } from "hono";
import type { AppDeps, AppEnv } from "./env.ts";
import { limitBody } from "./middleware/body-limit.ts";
import { onError, onNotFound } from "./middleware/errors.ts";
import { contextSetter, requestContext } from "./middleware/request-context.ts";
import { requireSecretKey } from "./middleware/secret-key.ts";
import { apiRoutes, SECRET_KEY_PATHS } from "./routes/api.ts";
import { createLocalHub } from "./services/widget/push-hub.ts";
import { mountHotRoutes } from "./routes/hot.ts";
import { consoleRoutes } from "./routes/console/index.ts";
import { consoleIndex } from "./routes/console/pages.ts";
import { createKeyCache } from "./services/tenants/resolve-key.ts";
import { logRequests } from "./middleware/request-log.ts";
import { methodNotAllowed } from "./middleware/method-not-allowed.ts";

/** The largest body any route accepts; routes bound their own bodies more tightly. */
const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * Builds the one Tenure app that both entries serve (`node.ts`, `worker.ts`).
 * @example const app = createApp({ db, clock: Date.now });
 */
export function createApp(given: AppDeps): Hono<AppEnv> {
  const deps: AppDeps = { ...given, push: given.push ?? createLocalHub(given.db) };
  const app = new Hono<AppEnv>();
  const resolveKey = deps.resolveKey ?? createKeyCache(deps.db);

  const bodyLimit = limitBody(MAX_REQUEST_BYTES);
  // Hot reads first, with only what they need (routes/hot.ts); behind the logger when requests are logged.
  if (!deps.logRequest) mountHotRoutes(app, { limitBody: bodyLimit, setContext: contextSetter(deps, resolveKey) });
  app.use("*", requestContext(deps, resolveKey));
  if (deps.logRequest) {
    app.use("*", logRequests(deps.logRequest));
    mountHotRoutes(app, { limitBody: bodyLimit, setContext: null });
  }

  app.use("*", async (c, next) => {
    // Before the handler: a header added to a finished response copies it (slow path).
    c.header("X-Request-Id", c.get("requestId"));
    // The services that write announce their own changes (services/tenants/changes.ts).
    await next();
  });
  app.use("/v1/*", bodyLimit);

  for (const path of SECRET_KEY_PATHS) app.use(path, requireSecretKey);
  app.route("/", apiRoutes);

  // Vendor staff: the console and its API, with a session cookie (routes/console/session.ts).
  app.get("/console/", consoleIndex as never);
  app.route("/console", consoleRoutes as never);

  app.onError(onError);
  app.notFound(methodNotAllowed(app, onNotFound));
  return app;
}
