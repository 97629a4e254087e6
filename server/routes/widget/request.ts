import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";
import { MAX_BODY_BYTES, parseJsonText, readBodyText } from "../../lib/body.ts";
import { authenticateWidget } from "../../services/widget/authenticate.ts";
import type { verifyWidgetCaller, WidgetIdentity } from "../../services/widget/authenticate.ts";

/** Widget bodies are `text/plain` JSON (a CORS-simple request); parsed with the usual bounds. */
export async function readWidgetBody(c: Context<AppEnv>): Promise<unknown> {
  return parseJsonText(await readBodyText(c), MAX_BODY_BYTES);
}

type Credentials = { publishableKey: string; userToken: string };

function credentials(c: Context<AppEnv>, body: Credentials): Parameters<typeof verifyWidgetCaller>[0] {
  return {
    publishableKey: body.publishableKey,
    userToken: body.userToken,
    origin: c.req.header("origin") ?? null,
    now: c.get("deps").clock(),
    resolveKey: c.get("resolveKey"),
  };
}

/** The verified caller and its account; the tenant is kept on the context. */
export async function widgetIdentity(c: Context<AppEnv>, body: Credentials): Promise<WidgetIdentity> {
  const identity = await authenticateWidget(c.get("deps").db, credentials(c, body));
  c.set("tenant", identity.tenant);
  return identity;
}
