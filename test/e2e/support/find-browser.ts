/**
 * Finds a Chromium the browser tests can drive, in one place and in a fixed order:
 *   1. `TENURE_CHROMIUM`, an explicit path;
 *   2. a system Chromium or Chrome (Debian's, Google's, the macOS app, Playwright's cache);
 *   3. the Chromium shipped inside the `@sparticuz/chromium` npm package, so a fresh machine
 *      with nothing but `npm ci` still runs every browser test.
 * A candidate is used only after it has actually launched: a wrapper script whose binary is
 * gone is skipped, not trusted.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

export interface FoundBrowser {
  executablePath: string;
  /** Where it came from, said once per test run. */
  source: string;
  /** Extra environment for the browser process (fonts for the shipped build). */
  env: Record<string, string>;
}

function systemCandidates(): string[] {
  const candidates = [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
  ];
  const cache =
    process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), process.platform === "darwin" ? "Library/Caches/ms-playwright" : ".cache/ms-playwright");
  if (existsSync(cache)) {
    for (const dir of readdirSync(cache)
      .filter((d) => d.startsWith("chromium"))
      .sort()
      .reverse()) {
      candidates.push(
        join(cache, dir, "chrome-linux64/chrome"),
        join(cache, dir, "chrome-linux/chrome"),
        join(cache, dir, "chrome-mac/Chromium.app/Contents/MacOS/Chromium"),
      );
    }
  }
  return candidates.filter((path) => existsSync(path));
}

async function launches(executablePath: string, env: Record<string, string>): Promise<boolean> {
  try {
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, env: { ...process.env, ...env }, timeout: 30_000 });
    await browser.close();
    return true;
  } catch {
    return false;
  }
}

/**
 * The shipped build brings Latin fonts only; the zh-CN screens need a CJK face, which comes
 * from an npm package too (Noto Sans SC as OTF) through a fontconfig file of our own.
 */
function shippedFontsEnv(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const dirs = [join(tmpdir(), "fonts"), "/usr/share/fonts"];
  try {
    // The package exports only its entry (dist/index.cjs); its fonts sit beside dist/.
    dirs.push(join(dirname(dirname(require.resolve("@embedpdf/fonts-sc"))), "fonts"));
  } catch {
    // Without the font package zh-CN text renders as boxes; the tests still run.
  }
  const confDir = join(tmpdir(), "tenure-fontconfig");
  mkdirSync(confDir, { recursive: true });
  const conf = `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${dirs.map((d) => `  <dir>${d}</dir>`).join("\n")}\n  <cachedir>${join(confDir, "cache")}</cachedir>\n</fontconfig>\n`;
  writeFileSync(join(confDir, "fonts.conf"), conf);
  return { FONTCONFIG_FILE: join(confDir, "fonts.conf"), FONTCONFIG_PATH: confDir };
}

async function shipped(): Promise<FoundBrowser | undefined> {
  try {
    const { default: packaged } = await import("@sparticuz/chromium");
    const executablePath = await packaged.executablePath();
    const env = shippedFontsEnv();
    if (await launches(executablePath, env)) return { executablePath, source: `@sparticuz/chromium (${executablePath})`, env };
  } catch {
    // Not installed (it is an optional dependency) or unusable on this platform.
  }
  return undefined;
}

export async function findBrowser(): Promise<FoundBrowser> {
  const explicit = process.env.TENURE_CHROMIUM;
  if (explicit) {
    if (await launches(explicit, {})) return { executablePath: explicit, source: `TENURE_CHROMIUM (${explicit})`, env: {} };
    throw new Error(`TENURE_CHROMIUM=${explicit} does not launch`);
  }
  for (const path of systemCandidates()) {
    if (await launches(path, {})) return { executablePath: path, source: `system browser (${path})`, env: {} };
  }
  const found = await shipped();
  if (found) return found;
  throw new Error("No Chromium found: set TENURE_CHROMIUM to a Chrome or Chromium binary, or run `npm ci` on Linux x64 to get @sparticuz/chromium");
}
