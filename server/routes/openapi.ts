import { OpenAPIHono } from "@hono/zod-openapi";
import type { RouteConfig } from "@hono/zod-openapi";
import type { Env, Handler, MiddlewareHandler } from "hono";
import { z } from "zod";
import { errorResponseSchema } from "../../shared/schemas/accounts.ts";
import { externalId } from "../../shared/schemas/common.ts";
import type { AppEnv } from "../env.ts";

/**
 * How a route is declared: one `createRoute` object (path, parameters, request and response
 * schemas, statuses) that both mounts the handler and documents it, so the OpenAPI document
 * cannot drift from the code. Handlers still validate with `lib/body.ts` (the same schemas),
 * which keeps one error shape, the body bounds and the 415 for a wrong Content-Type.
 * @example declare(accountRoutes, getAccount, async (c) => c.json(view));
 */
export function declare<E extends Env>(router: OpenAPIHono<E>, route: RouteConfig, ...handlers: Array<Handler<E> | MiddlewareHandler<E>>): void {
  router.openAPIRegistry.registerPath(route);
  router.on(route.method.toUpperCase(), routingPath(route.path), ...(handlers as [Handler<E>]));
}

/** `/accounts/{accountId}` → `/accounts/:accountId`, the router's form. */
export function routingPath(path: string): string {
  return path.replaceAll(/\{([^}]+)\}/g, ":$1");
}

/** A router whose routes are declared with `declare`. */
export function documentedRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>();
}

/** The vendor's server key; the tenant comes from it. */
export const secretKey = [{ secretKey: [] }];
/** Widget routes: the publishable key and user token ride in the text/plain body. */
export const noKey: Array<Record<string, string[]>> = [];

/** A JSON request body validated by `schema` (`Content-Type: application/json`). */
export function jsonBody(schema: z.ZodType, options: { required?: boolean; description?: string } = {}): NonNullable<RouteConfig["request"]>["body"] {
  return {
    required: options.required ?? true,
    ...(options.description ? { description: options.description } : {}),
    content: { "application/json": { schema } },
  };
}

/**
 * A widget request body: JSON sent as `text/plain` so the browser's request stays CORS-simple
 * (no preflight), with the publishable key and user token inside.
 */
export function widgetBody(schema: z.ZodType): NonNullable<RouteConfig["request"]>["body"] {
  return {
    required: true,
    description: "JSON sent as text/plain (a CORS-simple request), with publishableKey and userToken",
    content: { "text/plain": { schema } },
  };
}

/** A JSON answer. */
export function json(schema: z.ZodType, description: string, headers?: z.ZodObject): RouteConfig["responses"][string] {
  return { description, content: { "application/json": { schema } }, ...(headers ? { headers } : {}) };
}

const ERROR_TEXT: Record<number, string> = {
  400: "Bad input: invalid JSON, a failed validation (`validation_failed`, with details) or a bad query",
  401: "Missing, unknown or revoked key, or an invalid or expired user token",
  403: "The key or the user's role may not do this",
  404: "No such account, resource or tenant",
  409: "Conflicts with the current state",
  413: "The body is too large",
  415: "The body is not sent as application/json",
  429: "Over the rate limit; retry after Retry-After seconds",
};

/** The documented error answers of a route: always `{"error":{"code","message","requestId"}}`. */
export function errors(...statuses: number[]): RouteConfig["responses"] {
  const responses: RouteConfig["responses"] = {};
  for (const status of statuses) responses[status] = json(errorResponseSchema, ERROR_TEXT[status] ?? "Error");
  return responses;
}

/** The errors every secret-key route can answer. */
export const KEY_ERRORS = [400, 401, 403, 413] as const;

/** `{accountId}`: the vendor's own account id. */
export const accountParams = z.object({
  accountId: externalId.describe("The vendor's own account id: 1–128 characters of A-Z a-z 0-9 _ . : -"),
});

/** An ISO-8601 instant in `toISOString()` form. */
export const isoInstant = z.string().describe("UTC instant in toISOString() form, e.g. 2026-12-31T16:00:00.000Z");
