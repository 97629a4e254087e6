/**
 * `npm run build`, last: what `/docs` serves besides the document, into dist/widget/docs (the
 * folder Node serves files from and Workers deploys as assets) — the Scalar API reference's
 * browser bundle from @scalar/api-reference, so the page loads nothing from a CDN, and the
 * guides in docs/guides.
 */
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = resolve(root, "dist/widget/docs");
const require = createRequire(import.meta.url);

mkdirSync(join(outDir, "guides"), { recursive: true });
// The package exports no path to its browser bundle; find it beside its entry (dist/index.js).
const packageDir = resolve(dirname(require.resolve("@scalar/api-reference")), "..");
copyFileSync(join(packageDir, "dist/browser/standalone.js"), join(outDir, "scalar.js"));
for (const name of readdirSync(resolve(root, "docs/guides"))) {
  if (name.endsWith(".md")) copyFileSync(resolve(root, "docs/guides", name), join(outDir, "guides", name));
}
