import { Hono } from "hono";
import { limitBody } from "../../middleware/body-limit.ts";
import { consoleAccountRoutes } from "./api-accounts.ts";
import { consoleAdminRoutes } from "./api-admin.ts";
import { consolePageRoutes } from "./pages.ts";
import { requireStaff, sameOriginWrites } from "./session.ts";
import type { ConsoleEnv } from "./session.ts";

/** Everything under `/console`: the vendor staff console and its API (session cookie, not API keys). */
export const consoleRoutes = new Hono<ConsoleEnv>();

consoleRoutes.use("*", sameOriginWrites);
consoleRoutes.use("*", limitBody(256 * 1024) as never);
consoleRoutes.use("/api/*", requireStaff);
consoleRoutes.route("/api", consoleAccountRoutes);
consoleRoutes.route("/api", consoleAdminRoutes);
consoleRoutes.route("/", consolePageRoutes);
