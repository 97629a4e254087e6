/**
 * Builds the widget into dist/widget:
 * - `app.js`, the Preact app, as an ES module: everything the banner, countdowns and lock
 *   modal need. Features used on demand (renewal flow, decline form, value recap, checklist,
 *   usage flushing, seats panel) are dynamic `import()`s, emitted as `chunks/<name>-<hash>.js`
 *   and fetched only when needed. Module scripts pass their CSP nonce on to what they import.
 * - `widget.js`, the loader, right after: a classic IIFE script (the snippet's `<script async>`)
 *   that inserts the app as `<script type="module">` with the page's nonce.
 * Library mode keeps Vite's preload helper (and its `vite:preloadError` event on the host's
 * window) out of the bundle; the entry's exports are internal, so the shared code stays in
 * `app.js` instead of becoming another chunk on the critical path.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { minify } from "terser";
import { build, defineConfig } from "vite";
import type { InlineConfig, Plugin } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
const outDir = resolve(root, "dist/widget");

function widgetBuild(entry: string, fileName: string, format: "es" | "iife", emptyOutDir: boolean): InlineConfig {
  return {
    configFile: false,
    root,
    base: "./",
    logLevel: "warn",
    oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    resolve: { alias: [{ find: /^preact\/jsx-runtime$/, replacement: resolve(root, "widget/lib/jsx-runtime.ts") }] },
    build: {
      outDir,
      emptyOutDir,
      target: "es2020",
      minify: true,
      sourcemap: false,
      copyPublicDir: false,
      lib: { entry: resolve(root, entry), formats: [format], name: "TenureWidget", fileName: () => fileName },
      rollupOptions: {
        preserveEntrySignatures: false,
        // The second minifier pass is slow by design; no need to hear so on every build.
        checks: { pluginTimings: false },
        // Library mode leaves ES output unminified by default; the widget ships minified, and
        // without the `@__PURE__` annotations the minifier would otherwise keep.
        output: {
          minify: true,
          comments: false,
          ...(format === "es"
            ? {
                chunkFileNames: "chunks/[name]-[hash].js",
                // Small helpers several on-demand parts share travel together, not as a file each:
                // what the reminder notice in the banner needs, and the panels' shared styles.
                codeSplitting: {
                  includeDependenciesRecursively: false,
                  groups: [
                    { name: "common", test: /widget[\\/](features[\\/](api\.ts$|recap[\\/](format|messages|recap-store)\.ts$)|lib[\\/]feature-host\.ts$)/ },
                    { name: "panel-styles", test: /widget[\\/]features[\\/]panel-styles\.ts$/ },
                  ],
                },
              }
            : { codeSplitting: false }),
        },
      },
    },
  };
}

/**
 * A second minifier pass over every emitted file: terser's repeated compression finds what the
 * bundler's single pass leaves (about 1 % of the widget), and every byte of the eager bundle is
 * on each page's critical path. A file keeps whichever is smaller gzipped.
 */
function squeeze(): Plugin {
  return {
    name: "tenure-squeeze",
    apply: "build",
    async generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== "chunk") continue;
        const result = await minify(file.code, { module: file.fileName !== "widget.js", ecma: 2020, compress: { passes: 2 }, mangle: { toplevel: true } });
        if (result.code && gzipSync(result.code).length < gzipSync(file.code).length) file.code = result.code;
      }
    },
  };
}

/** After the app bundle is written, build the loader next to it. */
function loaderBuild(): Plugin {
  return {
    name: "tenure-loader",
    apply: "build",
    async closeBundle() {
      await build({ ...widgetBuild("widget/loader.ts", "widget.js", "iife", false), plugins: [squeeze()] });
    },
  };
}

const { configFile: _unused, ...app } = widgetBuild("widget/app.ts", "app.js", "es", true);

export default defineConfig({ ...app, plugins: [squeeze(), loaderBuild()] });
