/**
 * Builds the widget into dist/widget: `app.js` (the Preact app) and, right after, `widget.js`
 * (the loader). Both are classic IIFE scripts — the loader inserts the app with the page's
 * CSP nonce, and IIFE output cannot hold two entries, hence the second build.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, defineConfig } from "vite";
import type { InlineConfig, Plugin } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
const outDir = resolve(root, "dist/widget");

function widgetBuild(entry: string, fileName: string, emptyOutDir: boolean): InlineConfig {
  return {
    configFile: false,
    root,
    logLevel: "warn",
    oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      outDir,
      emptyOutDir,
      target: "es2020",
      minify: true,
      sourcemap: false,
      copyPublicDir: false,
      lib: { entry: resolve(root, entry), formats: ["iife"], name: "TenureWidget", fileName: () => fileName },
    },
  };
}

/** After the app bundle is written, build the loader next to it. */
function loaderBuild(): Plugin {
  return {
    name: "tenure-loader",
    apply: "build",
    async closeBundle() {
      await build(widgetBuild("widget/loader.ts", "widget.js", false));
    },
  };
}

const { configFile: _unused, ...app } = widgetBuild("widget/app.ts", "app.js", true);

export default defineConfig({ ...app, plugins: [loaderBuild()] });
