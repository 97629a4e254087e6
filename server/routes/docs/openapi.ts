import { z } from "zod";
import {
  accountUpsertBody,
  contractPutBody,
  entitlementResponse,
  errorResponseSchema,
  grantCreateBody,
} from "../../../shared/schemas/accounts.ts";
import { bootstrapBody, preferencesBody } from "../../../shared/schemas/widget.ts";

/** A route in the reference. Each issue's routes add their entries here. */
export interface RouteDoc {
  method: "get" | "put" | "post" | "delete";
  path: string;
  summary: string;
  auth: "secret" | "widget" | "none";
  body?: z.ZodType;
  response?: z.ZodType;
  status?: number;
}

const accountIdParam = { name: "accountId", in: "path", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9_.:-]{1,128}$" } };

export const routeDocs: RouteDoc[] = [
  { method: "put", path: "/v1/accounts/{accountId}", summary: "Create or update a customer account", auth: "secret", body: accountUpsertBody },
  { method: "get", path: "/v1/accounts/{accountId}", summary: "Read an account", auth: "secret" },
  { method: "put", path: "/v1/accounts/{accountId}/contract", summary: "Set the current contract term (endDate is the last day, inclusive, in the account's zone)", auth: "secret", body: contractPutBody },
  { method: "post", path: "/v1/accounts/{accountId}/grants", summary: "Gift bonus seats or time (time extends access, never the contract end)", auth: "secret", body: grantCreateBody, status: 201 },
  { method: "get", path: "/v1/accounts/{accountId}/grants", summary: "The account's grants ledger", auth: "secret" },
  { method: "get", path: "/v1/accounts/{accountId}/entitlement", summary: "What the account's users may do at an instant (?at=ISO-8601), and until exactly when", auth: "secret", response: entitlementResponse },
  { method: "post", path: "/v1/widget/bootstrap", summary: "Everything the widget renders from (text/plain JSON body; publishable key + user token)", auth: "widget", body: bootstrapBody },
  { method: "post", path: "/v1/widget/preferences", summary: "Remember a user's banner dismissal or modal snooze", auth: "widget", body: preferencesBody },
];

function jsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { unrepresentable: "any", io: "input" });
}

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function buildOpenApi(serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routeDocs) {
    const operation: Record<string, unknown> = {
      summary: route.summary,
      security: route.auth === "secret" ? [{ secretKey: [] }] : [],
      parameters: route.path.includes("{accountId}") ? [accountIdParam] : [],
      responses: {
        [String(route.status ?? 200)]: {
          description: "OK",
          ...(route.response ? { content: { "application/json": { schema: jsonSchema(route.response) } } } : {}),
        },
        "4XX": { description: "Bad input, missing or wrong key", content: { "application/json": { schema: jsonSchema(errorResponseSchema) } } },
      },
    };
    if (route.body) {
      const mediaType = route.auth === "widget" ? "text/plain" : "application/json";
      operation.requestBody = { required: true, content: { [mediaType]: { schema: jsonSchema(route.body) } } };
    }
    (paths[route.path] ??= {})[route.method] = operation;
  }
  return {
    openapi: "3.1.0",
    info: { title: "Tenure API", version: "1", description: "Renewal and entitlement API. Errors: {\"error\":{\"code\",\"message\",\"requestId\"}}." },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { secretKey: { type: "http", scheme: "bearer", description: "Your secret key, sk_…" } } },
    paths,
  };
}
