/**
 * What a page in the expiring state downloads from Tenure, measured in real Chromium through
 * the public snippet: every script the widget loads by itself (loader, app, the chunks it
 * imports for that state), each gzipped as a server would send it, summed. The admin sees
 * the most (seats, renewal), so the admin's page is the one measured.
 */
import { gzipSync } from "node:zlib";
import { scenario, startHarness, waitForState } from "../e2e/support/harness.ts";

/** PRODUCT.md: everything a page in the expiring state loads, gzip. */
export const EXPIRING_PAGE_BUDGET = 18 * 1024;

export interface PageWeight {
  scripts: Array<{ file: string; gzipBytes: number }>;
  gzipBytes: number;
  budget: number;
}

export async function measureExpiringPage(): Promise<PageWeight> {
  const expiring = scenario("borealis-labs");
  const h = await startHarness({ seed: [expiring] });
  try {
    const tenureOrigin = new URL(h.tenure.url).origin;
    const scripts: Array<{ file: string; gzipBytes: number }> = [];
    const seen: Array<Promise<void>> = [];
    const page = await h.open({
      scenario: expiring,
      before: async (p) => {
        p.on("response", (response) => {
          const url = new URL(response.url());
          if (response.request().resourceType() !== "script" || url.origin !== tenureOrigin) return;
          seen.push(
            response.body().then((body) => {
              scripts.push({ file: url.pathname, gzipBytes: gzipSync(body).length });
            }),
          );
        });
      },
    });
    await waitForState(page);
    // Chunks the state asks for load right after the first render. The push stream keeps a
    // request open, so the network never goes idle: wait until no script arrived for a while.
    let count = -1;
    for (let round = 0; round < 40 && count !== seen.length; round++) {
      count = seen.length;
      await page.waitForTimeout(750);
    }
    await Promise.all(seen);
    await page.context().close();
    return { scripts, gzipBytes: scripts.reduce((sum, s) => sum + s.gzipBytes, 0), budget: EXPIRING_PAGE_BUDGET };
  } finally {
    await h.close();
  }
}
