/** Real Chromium for the widget tests, and small readers of what the widget shows. */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import { CHROMIUM_ARGS, findBrowser } from "./find-browser.ts";
import type { FoundBrowser } from "./find-browser.ts";

export const ARTIFACTS = resolve(fileURLToPath(new URL("../../../test-artifacts", import.meta.url)));

let found: Promise<FoundBrowser> | undefined;

/** The browser the global setup chose (or, run outside vitest's setup, found here). */
function browserToUse(): Promise<FoundBrowser> {
  const handed = process.env.TENURE_BROWSER;
  found ??= handed ? Promise.resolve(JSON.parse(handed) as FoundBrowser) : findBrowser();
  return found;
}

export async function launchChromium(): Promise<Browser> {
  const { executablePath, env } = await browserToUse();
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, env: { ...process.env, ...env } });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`) });
}

/** The host-visible events the snippet recorded (`state`, `ready`, `renewal`). */
export function hostEvents(page: Page): Promise<Array<[string, unknown?]>> {
  return page.evaluate(() => (window as unknown as { __tenureEvents: Array<[string, unknown?]> }).__tenureEvents);
}

/** Milliseconds in the countdown's ISO duration (`P2DT3H4M5S`). */
export function isoDurationMs(text: string | null): number {
  const match = /^P(\d+)DT(\d+)H(\d+)M(\d+)S$/.exec(text ?? "");
  if (!match) throw new Error(`not an ISO duration: ${text}`);
  const [d, h, m, s] = match.slice(1).map(Number) as [number, number, number, number];
  return ((d * 24 + h) * 60 + m) * 60_000 + s * 1000;
}

/** How the widget names a zone at an instant: its readable `Intl` name with the IANA id beside it. */
export function zoneText(instant: number, timeZone: string, locale = "en-GB"): string {
  const name = new Intl.DateTimeFormat(locale, { timeZoneName: "long", timeZone }).formatToParts(instant).find((part) => part.type === "timeZoneName")?.value;
  return name && name !== timeZone ? `${name} · ${timeZone}` : timeZone;
}
