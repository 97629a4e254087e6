/**
 * Gzip sizes of the built widget against the PRODUCT.md budgets, and of peer SDKs measured
 * the same way in the same run from their npm packages (`npm pack`, nothing cached in the
 * repo). Expects `dist/widget` to be built; builds nothing itself.
 *
 * The critical path is what a page downloads before the banner, countdown or lock modal can
 * show: the loader, the app, and any chunk the app imports statically (none today: one the
 * bundler split off would count here, not as on demand). The on-demand chunks (renewal flow, reason form, value recap,
 * checklist and usage delivery, seats panel) load later, only when needed, and are reported
 * apart, each and in total. The npm packages (package-size.ts) follow.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { measurePackageSizes } from "./package-size.ts";

const run = promisify(execFile);

export interface SizeRow {
  name: string;
  bytes: number;
  gzipBytes: number;
  /** The budget in gzip bytes, when PRODUCT.md sets one. */
  budget?: number;
  /** Whether the budget is met, when there is one. */
  withinBudget?: boolean;
}

export const LOADER_BUDGET = 1.5 * 1024;
/** PRODUCT.md: loader + app (banner, countdown, lock modal) ≤ 12 KB gzip. */
export const WIDGET_BUDGET = 12 * 1024;
export const PEERS = ["@formbricks/js", "@frigade/js", "driver.js"] as const;

const WIDGET_DIR = resolve(fileURLToPath(new URL("../../dist/widget", import.meta.url)));

function measure(name: string, code: Buffer, budget?: number): SizeRow {
  return withBudget({ name, bytes: code.length, gzipBytes: gzipSync(code).length }, budget);
}

function withBudget(row: SizeRow, budget: number | undefined): SizeRow {
  return budget === undefined ? row : { ...row, budget, withinBudget: row.gzipBytes <= budget };
}

type PackageJson = { unpkg?: unknown; jsdelivr?: unknown; browser?: unknown; module?: unknown; main?: unknown; exports?: unknown };

/** A path from an `exports` value: a string, or the first browser-ish condition, however nested. */
function fromConditions(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (!value || typeof value !== "object") return null;
  const conditions = value as Record<string, unknown>;
  for (const key of [".", "browser", "import", "default", "module", "require"]) {
    const found = key in conditions ? fromConditions(conditions[key]) : null;
    if (found && /\.(c|m)?js$/.test(found)) return found;
  }
  return null;
}

/** The file a browser would load: the CDN bundle if the package names one, else its browser, ESM or main entry. */
function browserEntry(pkg: PackageJson): string | null {
  for (const candidate of [pkg.unpkg, pkg.jsdelivr, pkg.browser, fromConditions(pkg.exports), pkg.module, pkg.main]) {
    if (typeof candidate === "string" && /\.(c|m)?js$/.test(candidate)) return candidate;
  }
  return null;
}

/** Packs one peer from the registry into `dir`, unpacks it, and measures its browser bundle. */
async function measurePeer(name: string, dir: string): Promise<SizeRow> {
  const { stdout } = await run("npm", ["pack", name, "--pack-destination", dir, "--json", "--silent"], { timeout: 120_000 });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string; version: string }>;
  if (!packed) throw new Error(`npm pack ${name} printed nothing`);
  const into = join(dir, packed.filename.replace(/\.tgz$/, ""));
  await run("mkdir", ["-p", into]);
  await run("tar", ["-xzf", join(dir, packed.filename), "-C", into]);
  const root = join(into, "package");
  const entry = browserEntry(JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as PackageJson);
  if (!entry || !existsSync(join(root, entry))) throw new Error(`${name}: no browser bundle found`);
  return measure(`${name}@${packed.version} (${entry.replace(/^\.\//, "")})`, readFileSync(join(root, entry)));
}

export interface CriticalPath {
  files: Array<{ file: string; bytes: number; gzipBytes: number }>;
  gzipBytes: number;
}

/** The loader, the app and the chunks the app imports statically, gzipped one by one. */
export function criticalPath(): CriticalPath {
  const files = ["widget.js", "widget/app.js"].map((file) => join(WIDGET_DIR, file.replace(/^widget\//, "")));
  for (const file of files) if (!existsSync(file)) throw new Error(`${file} is missing: build the widget first (npx vite build)`);
  const app = readFileSync(files[1]!, "utf8");
  // Static imports only (`import"./chunks/x.js"`, `from"./chunks/x.js"`); `import("…")` loads on demand.
  for (const [, chunk] of app.matchAll(/(?:from|import)\s*["'](\.\/chunks\/[^"']+)["']/g)) files.push(join(WIDGET_DIR, chunk!));
  const rows = files.map((file) => {
    const code = readFileSync(file);
    return { file: file.slice(WIDGET_DIR.length + 1), bytes: code.length, gzipBytes: gzipSync(code).length };
  });
  return { files: rows, gzipBytes: rows.reduce((sum, row) => sum + row.gzipBytes, 0) };
}

/** The built chunks (`dist/widget/chunks/<name>-<hash>.js`), smallest first. */
function chunkFiles(): string[] {
  const dir = join(WIDGET_DIR, "chunks");
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((file) => file.endsWith(".js"))
        .sort()
    : [];
}

/**
 * Rows for `npm run bench`: the loader and the app, both together (the critical path a first
 * visit downloads, against the 12 KB budget), each on-demand chunk and their total, then
 * each peer. Peers that cannot be fetched are reported on stderr and left out.
 */
export async function measureWidgetSizes(): Promise<SizeRow[]> {
  const files = ["widget.js", "app.js"].map((file) => join(WIDGET_DIR, file));
  for (const file of files) if (!existsSync(file)) throw new Error(`${file} is missing: build the widget first (npx vite build)`);
  const [loader, app] = files.map((file) => readFileSync(file)) as [Buffer, Buffer];
  const rows: SizeRow[] = [measure("tenure loader (widget.js)", loader, LOADER_BUDGET), measure("tenure app (app.js: banner, countdowns, lock modal)", app)];
  const critical = criticalPath();
  const bytes = critical.files.reduce((sum, file) => sum + file.bytes, 0);
  rows.push(
    withBudget({ name: `tenure critical path (${critical.files.map((f) => f.file).join(" + ")})`, bytes, gzipBytes: critical.gzipBytes }, WIDGET_BUDGET),
  );
  const chunks = chunkFiles().map((file) => measure(`tenure on demand: chunks/${file}`, readFileSync(join(WIDGET_DIR, "chunks", file))));
  rows.push(...chunks.sort((a, b) => b.gzipBytes - a.gzipBytes));
  rows.push({
    name: `tenure on demand, all ${chunks.length} chunks (not on the critical path)`,
    bytes: chunks.reduce((sum, row) => sum + row.bytes, 0),
    gzipBytes: chunks.reduce((sum, row) => sum + row.gzipBytes, 0),
  });
  rows.push(...measurePackageSizes());
  const dir = mkdtempSync(join(tmpdir(), "tenure-peers-"));
  try {
    for (const peer of PEERS) {
      try {
        rows.push(await measurePeer(peer, dir));
      } catch (error) {
        console.error(`[bench] could not measure ${peer}: ${(error as Error).message}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
