/**
 * `npm run build`, after the widget: the installable packages as `npm pack` tarballs in
 * dist/packages/ — @tenure/js and @tenure/react (sources in widget/packages/), @tenure/node
 * (server/sdk/). Each is bundled with esbuild (the Node SDK carries its two small runtime
 * dependencies, so it installs with nothing else), typed with declarations from tsc, and
 * packed from a staging folder with its own package.json and README. esbuild keeps
 * @tenure/react's `"use client"` directive for React Server Components.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { generateOpenApiTypes } from "./openapi-types.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const outDir = resolve(root, "dist/packages");
const stageRoot = resolve(root, "dist/.package-stage");

interface PackageSpec {
  name: string;
  /** Folder with package.json, README.md and src/index.ts. */
  dir: string;
  platform: "browser" | "neutral";
  external: string[];
  minify: boolean;
  /** The smallest folder holding every source file its declarations come from. */
  typesRoot: string;
  /** Module specifiers the declarations resolve to already-built declarations. */
  typePaths?: Record<string, string[]>;
}

const packages: PackageSpec[] = [
  { name: "js", dir: "widget/packages/js", platform: "browser", external: [], minify: true, typesRoot: "widget/packages/js/src" },
  {
    name: "react",
    dir: "widget/packages/react",
    platform: "browser",
    external: ["react", "react/jsx-runtime", "@tenure/js"],
    minify: true,
    typesRoot: "widget/packages/react/src",
    typePaths: { "@tenure/js": [resolve(stageRoot, "js/dist/index.d.ts")] },
  },
  { name: "node", dir: "server/sdk", platform: "neutral", external: [], minify: false, typesRoot: "server" },
];

function declarations(spec: PackageSpec, stage: string): void {
  const typesDir = join(stage, "dist/types");
  const entry = resolve(root, spec.dir, "src/index.ts");
  const tsconfig = join(stage, "tsconfig.json");
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: resolve(root, "tsconfig.json"),
      compilerOptions: {
        noEmit: false,
        declaration: true,
        emitDeclarationOnly: true,
        outDir: typesDir,
        rootDir: resolve(root, spec.typesRoot),
        types: [],
        ...(spec.typePaths ? { paths: spec.typePaths } : {}),
      },
      files: [entry],
      include: [],
    }),
  );
  execFileSync(process.execPath, [resolve(root, "node_modules/typescript/bin/tsc"), "-p", tsconfig], { cwd: root, stdio: "inherit" });
  // Sources import with `.ts`; published declarations point at the `.js` their `.d.ts` sits beside.
  for (const file of walk(typesDir)) {
    if (file.endsWith(".d.ts")) writeFileSync(file, readFileSync(file, "utf8").replace(/(from\s+["']\.{1,2}\/[^"']*)\.ts(["'])/g, "$1.js$2"));
  }
  const entryTypes = relative(join(stage, "dist"), join(typesDir, relative(resolve(root, spec.typesRoot), entry))).replace(/\.ts$/, ".js");
  writeFileSync(join(stage, "dist/index.d.ts"), `export * from "./${entryTypes}";\n`);
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

async function buildPackage(spec: PackageSpec): Promise<string> {
  const stage = join(stageRoot, spec.name);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, "dist"), { recursive: true });
  await build({
    entryPoints: [resolve(root, spec.dir, "src/index.ts")],
    outfile: join(stage, "dist/index.js"),
    bundle: true,
    format: "esm",
    platform: spec.platform,
    mainFields: ["module", "main"],
    target: "es2022",
    external: spec.external,
    minify: spec.minify,
    legalComments: "none",
    logLevel: "warning",
  });
  declarations(spec, stage);
  copyFileSync(resolve(root, spec.dir, "package.json"), join(stage, "package.json"));
  copyFileSync(resolve(root, spec.dir, "README.md"), join(stage, "README.md"));
  const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", outDir], { cwd: stage, encoding: "utf8" }).trim().split("\n").pop()!;
  return join(outDir, packed);
}

export async function buildPackages(): Promise<string[]> {
  generateOpenApiTypes();
  mkdirSync(outDir, { recursive: true });
  for (const file of readdirSync(outDir)) if (file.endsWith(".tgz")) rmSync(join(outDir, file));
  const tarballs: string[] = [];
  for (const spec of packages) tarballs.push(await buildPackage(spec));
  return tarballs;
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const tarballs = await buildPackages();
  console.log(`packages: ${tarballs.map((file) => relative(root, file)).join(", ")}`);
}
