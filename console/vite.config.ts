/**
 * Builds the vendor console (`/console/`) into dist/widget/console: its own Preact entry,
 * outside the widget's bundle and budget. It sits under dist/widget only because that folder
 * is what both entries serve files from (Node's file reader, the Workers assets binding).
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  base: "/console/",
  logLevel: "warn",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  build: {
    outDir: resolve(root, "../dist/widget/console"),
    emptyOutDir: true,
    target: "es2020",
    assetsDir: "assets",
    sourcemap: false,
    copyPublicDir: false,
  },
});
