/**
 * Installs the built tarballs into a copy of a fixture app, the way a vendor would
 * (`npm install ./tenure-react-0.1.0.tgz`). The copy lives under node_modules/.tenure-fixtures
 * so what the fixture needs besides our packages (react, vite) resolves from the project's
 * own install, offline. Our tarballs carry their dependencies, so nothing else is fetched.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const PACKAGES = join(ROOT, "dist/packages");

export function tarball(name: "js" | "react" | "node"): string {
  const file = join(PACKAGES, `tenure-${name}-0.1.0.tgz`);
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  return file;
}

/** Copies `test/packages/fixtures/<fixture>` to a scratch folder and installs the tarballs there. */
export function installFixture(fixture: string, packages: ("js" | "react" | "node")[]): string {
  const dir = join(ROOT, "node_modules/.tenure-fixtures", `${fixture}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, "test/packages/fixtures", fixture), dir, { recursive: true });
  execFileSync(
    "npm",
    ["install", "--no-save", "--no-package-lock", "--offline", "--legacy-peer-deps", "--ignore-scripts", "--no-audit", "--no-fund", ...packages.map(tarball)],
    { cwd: dir, stdio: ["ignore", "ignore", "pipe"] },
  );
  return dir;
}

export function removeFixture(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
