/** Vitest global setup: find the browser once per run, say which, and hand it to every worker. */
import { findBrowser } from "./find-browser.ts";

export default async function setup(): Promise<void> {
  if (process.env.TENURE_BROWSER) return;
  const found = await findBrowser();
  console.log(`browser tests use ${found.source}`);
  process.env.TENURE_BROWSER = JSON.stringify(found);
}
