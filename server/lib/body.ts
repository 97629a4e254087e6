import type { Context } from "hono";
import type { z } from "zod";
import { TenureError } from "../../shared/errors.ts";

export const MAX_BODY_BYTES = 64 * 1024;
const MAX_DEPTH = 32;

/**
 * Parses a JSON text defensively: size and nesting are bounded before `JSON.parse`, so a
 * deeply nested body is a 400, never a stack overflow.
 */
export function parseJsonText(text: string, maxBytes = MAX_BODY_BYTES): unknown {
  if (text.length > maxBytes) throw new TenureError("payload_too_large", `the body is larger than ${maxBytes} bytes`);
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 92)
        i++; // backslash: skip the escaped character
      else if (char === 34) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 123 || char === 91) {
      if (++depth > MAX_DEPTH) throw new TenureError("bad_request", `JSON nested deeper than ${MAX_DEPTH} levels`);
    } else if (char === 125 || char === 93) depth--;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new TenureError("bad_request", "the body is not valid JSON");
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The request body as text, refusing bytes that are not UTF-8 (400) instead of storing
 * U+FFFD in their place.
 */
export async function readBodyText(c: Context): Promise<string> {
  const bytes = await c.req.arrayBuffer();
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new TenureError("bad_request", "the body is not valid UTF-8");
  }
}

/** Validates with a zod schema; every issue is reported with its path. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, what = "body"): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  const first = issues[0];
  throw new TenureError("validation_failed", first ? `invalid ${what}: ${first.path ? `${first.path}: ` : ""}${first.message}` : `invalid ${what}`, issues);
}

/** Reads a JSON request body (`Content-Type: application/json`) and validates it. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S, maxBytes = MAX_BODY_BYTES): Promise<z.infer<S>> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new TenureError("unsupported_media_type", "send the body as application/json");
  return validate(schema, parseJsonText(await readBodyText(c), maxBytes));
}
