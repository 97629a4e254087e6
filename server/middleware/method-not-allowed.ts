import type { Context, Hono, NotFoundHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { errorResponse } from "./errors.ts";

interface KnownPath {
  pattern: RegExp;
  methods: Set<string>;
}

/** A router path (`/v1/accounts/:accountId`, `/widget/chunks/:name`, `/console/*`) as a whole-path pattern. */
function pathPattern(path: string): RegExp {
  const source = path
    .split("/")
    .map((part) => (part.startsWith(":") ? "[^/]+" : part === "*" ? ".*" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${source}/?$`);
}

function knownPaths(app: Hono<AppEnv>): KnownPath[] {
  const byPath = new Map<string, KnownPath>();
  for (const route of app.routes) {
    // Middleware is registered for ALL methods; only real routes say which methods a path has.
    if (route.method === "ALL") continue;
    let known = byPath.get(route.path);
    if (!known) byPath.set(route.path, (known = { pattern: pathPattern(route.path), methods: new Set() }));
    known.methods.add(route.method);
    if (route.method === "GET") known.methods.add("HEAD");
  }
  return [...byPath.values()];
}

/**
 * A known path asked with a method it does not have answers 405 with `Allow`; anything else
 * is the usual 404. Runs only when no route matched, so answered routes pay nothing for it.
 */
export function methodNotAllowed(app: Hono<AppEnv>, notFound: NotFoundHandler<AppEnv>): NotFoundHandler<AppEnv> {
  let paths: KnownPath[] | undefined;
  return (c: Context<AppEnv>) => {
    paths ??= knownPaths(app);
    const pathname = new URL(c.req.url).pathname;
    const allowed = new Set<string>();
    for (const known of paths) if (known.pattern.test(pathname)) for (const method of known.methods) allowed.add(method);
    if (allowed.size === 0 || allowed.has(c.req.method)) return notFound(c);
    const allow = [...allowed].sort().join(", ");
    return errorResponse(c, "method_not_allowed", `${c.req.method} is not allowed on ${pathname}; use ${allow}`, undefined, { Allow: allow });
  };
}
