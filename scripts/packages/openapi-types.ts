/**
 * Writes the OpenAPI document to dist/openapi.json and generates the typed client's types
 * from it (`server/sdk/src/openapi.gen.ts`, not committed) with openapi-typescript.
 * openapi-typescript needs the TypeScript 5 compiler API, which the project's TypeScript 7
 * lacks, so it runs from its own install in tools/openapi-typescript (made on first use).
 * `--if-missing` (typecheck) skips the work when the types are already there.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openApiDocument } from "../../server/routes/docs/document.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const toolDir = resolve(root, "tools/openapi-typescript");
const cli = resolve(toolDir, "node_modules/openapi-typescript/bin/cli.js");
const docFile = resolve(root, "dist/openapi.json");
const typesFile = resolve(root, "server/sdk/src/openapi.gen.ts");

export function generateOpenApiTypes(): void {
  mkdirSync(dirname(docFile), { recursive: true });
  writeFileSync(docFile, JSON.stringify(openApiDocument({}), null, 2));
  if (!existsSync(cli)) {
    execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline"], { cwd: toolDir, stdio: "inherit" });
  }
  execFileSync(process.execPath, [cli, docFile, "--output", typesFile], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain && !(process.argv.includes("--if-missing") && existsSync(typesFile))) generateOpenApiTypes();
