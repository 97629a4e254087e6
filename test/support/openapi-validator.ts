import { Ajv2020 } from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv/dist/2020.js";
import { openApiDocument } from "../../server/routes/docs/document.ts";

type Responses = Record<string, { content?: Record<string, { schema?: object }> }>;
type Paths = Record<string, Record<string, { responses: Responses }>>;

interface Template {
  path: string;
  pattern: RegExp;
  literals: number;
}

let templates: Template[] | undefined;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const compiled = new Map<string, ValidateFunction>();

function paths(): Paths {
  return (openApiDocument({}) as { paths: Paths }).paths;
}

/** The documented path a request path falls under; literal segments win over parameters. */
function templateFor(pathname: string): string | null {
  templates ??= Object.keys(paths()).map((path) => ({
    path,
    pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replaceAll(/\{[^}]+\}/g, "[^/]+")}$`),
    literals: path.split("/").filter((part) => part && !part.startsWith("{")).length,
  }));
  let best: Template | null = null;
  for (const template of templates) if (template.pattern.test(pathname) && (!best || template.literals > best.literals)) best = template;
  return best?.path ?? null;
}

function validator(key: string, schema: object): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) compiled.set(key, (validate = ajv.compile(schema)));
  return validate;
}

const errorShape = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "requestId"],
      properties: { code: { type: "string" }, message: { type: "string" }, requestId: { type: "string" } },
    },
  },
};

/**
 * Checks an answer against the OpenAPI document: its status must be documented for the
 * operation, and a JSON body must match the documented schema. Throws with what differed.
 * Answers on undocumented paths or methods (404, 405) must still be in the error shape.
 */
export async function checkAgainstDocument(method: string, url: string, response: Response): Promise<void> {
  const pathname = new URL(url, "http://local").pathname;
  const type = response.headers.get("content-type") ?? "";
  // A push stream never ends; its documented content type is all there is to check.
  if (type.startsWith("text/event-stream")) return;
  const text = await response.clone().text();
  const template = templateFor(pathname);
  const operation = template ? paths()[template]?.[method.toLowerCase()] : undefined;
  const where = `${method} ${pathname} → ${response.status}`;
  if (!operation) {
    if (response.status < 400) throw new Error(`${where}: not in the OpenAPI document`);
    if (type.startsWith("application/json") && !validator("error", errorShape)(JSON.parse(text))) throw new Error(`${where}: not the error shape: ${text}`);
    return;
  }
  const status = String(response.status);
  const documented = operation.responses[status] ?? operation.responses[`${status[0]}XX`] ?? operation.responses.default;
  if (!documented) throw new Error(`${where}: status not documented (documented: ${Object.keys(operation.responses).join(", ")}): ${text.slice(0, 300)}`);
  const schema = documented.content?.["application/json"]?.schema;
  if (!schema || !type.startsWith("application/json")) return;
  const validate = validator(`${method} ${template} ${status}`, schema);
  if (!validate(JSON.parse(text))) {
    throw new Error(`${where}: the body does not match its documented schema: ${ajv.errorsText(validate.errors, { dataVar: "body" })}\n${text.slice(0, 500)}`);
  }
}
