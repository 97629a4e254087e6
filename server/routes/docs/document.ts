import { buildOpenApi } from "./openapi.ts";

export interface DocumentOptions {
  /** `PUBLIC_URL`; without it the document's server is relative ("/"), never a request's Host. */
  publicUrl?: string;
}

/** The OpenAPI 3.1 document served at `/v1/openapi.json` and used to generate the SDK's types. */
export function openApiDocument(options: DocumentOptions): Record<string, unknown> {
  return buildOpenApi(options.publicUrl ?? "/");
}
