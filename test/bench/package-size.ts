/**
 * Gzip sizes of the installable packages (dist/packages/*.tgz, built by `npm run build`):
 * the code a vendor's bundler takes from each (`dist/index.js` inside the tarball) and the
 * tarball itself. @tenure/node carries its dependencies (standardwebhooks, openapi-fetch).
 */
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { SizeRow } from "./widget-size.ts";

const PACKAGES_DIR = resolve(fileURLToPath(new URL("../../dist/packages", import.meta.url)));

export function measurePackageSizes(): SizeRow[] {
  return (["js", "react", "node"] as const).flatMap((name) => {
    const tarball = join(PACKAGES_DIR, `tenure-${name}-0.1.0.tgz`);
    if (!existsSync(tarball)) return [];
    const code = execFileSync("tar", ["-xzOf", tarball, "package/dist/index.js"]);
    return [
      { name: `@tenure/${name} (dist/index.js)`, bytes: code.length, gzipBytes: gzipSync(code).length },
      { name: `@tenure/${name} tarball (npm pack, with types)`, bytes: statSync(tarball).size, gzipBytes: statSync(tarball).size },
    ];
  });
}
