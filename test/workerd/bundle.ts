import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The parts of wrangler.toml the test must agree with, so it runs what would be deployed. */
export interface WranglerSettings {
  main: string;
  compatibilityDate: string;
  compatibilityFlags: string[];
  assetsDirectory: string;
  assetsBinding: string;
}

function tomlString(text: string, key: string): string {
  const match = new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, "m").exec(text);
  if (!match?.[1]) throw new Error(`wrangler.toml has no ${key}`);
  return match[1];
}

/** Reads the few top-level keys we need; wrangler.toml is small and flat enough for this. */
export function readWranglerSettings(): WranglerSettings {
  const text = readFileSync(join(projectRoot, "wrangler.toml"), "utf8");
  const flags = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(text)?.[1] ?? "";
  const assets = text.slice(text.indexOf("[assets]"));
  return {
    main: resolve(projectRoot, tomlString(text, "main")),
    compatibilityDate: tomlString(text, "compatibility_date"),
    compatibilityFlags: [...flags.matchAll(/"([^"]+)"/g)].map((match) => match[1]!),
    assetsDirectory: resolve(projectRoot, tomlString(assets, "directory")),
    assetsBinding: tomlString(assets, "binding"),
  };
}

/**
 * Bundles the Worker the way wrangler does: ESM, the `workerd`/`worker`/`browser` export
 * conditions (so `@libsql/client` resolves to its fetch-based web client), Node built-ins left
 * to workerd's `nodejs_compat`.
 */
export async function bundleWorker(entry: string, outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, "worker.js");
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    external: [...builtinModules, ...builtinModules.map((name) => `node:${name}`), "cloudflare:*"],
    logLevel: "error",
  });
  return outfile;
}

/**
 * The built widget if `npm run build` has run, else a placeholder directory, so the Worker's
 * asset path is tested either way (the real files are the widget build's business).
 */
export function widgetAssetsDir(built: string, scratch: string): { dir: string; placeholder: boolean } {
  if (existsSync(join(built, "widget.js"))) return { dir: built, placeholder: false };
  const dir = join(scratch, "assets");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "widget.js"), "/* placeholder: npm run build has not run */\n(function(){})();\n");
  writeFileSync(join(dir, "app.js"), "/* placeholder */\nexport {};\n");
  return { dir, placeholder: true };
}
