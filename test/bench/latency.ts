/**
 * Latency an end user feels, measured in real Chromium through the public snippet:
 * - unlock: from the completion answer of a paid renewal to the lock modal gone from an open page;
 * - flip: from the exact `accessEndsAt` instant to the banner showing the grace countdown;
 * - push (Node): from the answer to a time grant on a locked account to the lock modal gone
 *   from an open page, through the widget's push stream (no polling in between).
 * Both run against the real Node server over a real libSQL file (the e2e harness).
 * Knob: BENCH_LATENCY_RUNS (default 8 per figure).
 */
import type { Page } from "playwright-core";
import type { Scenario } from "../../demo/scenarios.ts";
import { startHarness } from "../e2e/support/harness.ts";
import type { Harness } from "../e2e/support/harness.ts";

export interface LatencyFigures {
  name: string;
  runs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  goal: string;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function figures(name: string, samples: number[], goal: string): LatencyFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  return { name, runs: sorted.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted[sorted.length - 1]!, goal };
}

function lockedAccount(id: string): Scenario {
  return {
    accountId: id,
    label: id,
    plan: "Team",
    graceHours: 24,
    lockMode: "hard",
    account: { name: `Bench ${id}`, timezone: "Europe/Berlin", locale: "en" },
    lastDayFromToday: -10,
    seats: 5,
    amount: { value: 120_000, currency: "EUR" },
    users: [{ sub: "admin", name: "Ada Park", role: "admin", email: "ada@bench.test" }],
  };
}

/** A zone whose local time is now between 18:00 and 22:00, so today's end is hours away. */
function eveningZone(now: number): string {
  for (let offset = -12; offset <= 14; offset++) {
    const zone = offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
    const hour = Number(new Intl.DateTimeFormat("en-GB", { hour: "numeric", hourCycle: "h23", timeZone: zone }).format(now));
    if (hour >= 18 && hour < 22) return zone;
  }
  throw new Error("no evening zone");
}

async function call<T>(h: Harness, method: string, path: string, body?: unknown): Promise<T> {
  const res = await h.tenure.api(method, path, body);
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

const lockGone = (): boolean => !document.querySelector("tenure-widget")?.shadowRoot?.querySelector('dialog[part="lock-modal"]');

async function unlockOnce(h: Harness, id: string): Promise<number> {
  const s = lockedAccount(id);
  await h.tenure.seed(s);
  // The hold is once per term: a failed first renewal uses it, so the page stays locked until paid.
  const first = await call<{ id: string }>(h, "POST", `/v1/accounts/${id}/renewals`);
  await call(h, "POST", `/v1/accounts/${id}/renewals/${first.id}/fail`, { reason: "card declined" });
  const second = await call<{ id: string }>(h, "POST", `/v1/accounts/${id}/renewals`);
  const page = await h.open({ scenario: s });
  await page.waitForFunction(() => !!document.querySelector("tenure-widget")?.shadowRoot?.querySelector('dialog[part="lock-modal"]'), null, {
    timeout: 15_000,
  });
  await call(h, "POST", `/v1/accounts/${id}/renewals/${second.id}/complete`);
  const answered = Date.now();
  await page.waitForFunction(lockGone, null, { polling: 10, timeout: 30_000 });
  const ms = Date.now() - answered;
  await page.context().close();
  return ms;
}

async function pushOnce(h: Harness, id: string): Promise<number> {
  const s = lockedAccount(id);
  await h.tenure.seed(s);
  const page = await h.open({ scenario: s });
  await page.waitForFunction(() => !!document.querySelector("tenure-widget")?.shadowRoot?.querySelector('dialog[part="lock-modal"]'), null, {
    timeout: 15_000,
  });
  // Let the push stream connect (it opens once the first answer is in).
  await page.waitForTimeout(1000);
  await call(h, "POST", `/v1/accounts/${id}/grants`, { type: "time", days: 30, reason: "bench" });
  const answered = Date.now();
  await page.waitForFunction(lockGone, null, { polling: 10, timeout: 30_000 });
  const ms = Date.now() - answered;
  await page.context().close();
  return ms;
}

/** Records, in the page, the wall time at which the banner first shows `state`. */
function watchFor(page: Page, state: string): Promise<void> {
  // Anonymous callbacks only: tsx names inner functions with a helper the page does not have.
  return page.evaluate((wanted) => {
    const w = window as unknown as { __flippedAt?: number };
    const root = document.querySelector("tenure-widget")!.shadowRoot!;
    new MutationObserver(() => {
      if (w.__flippedAt === undefined && root.querySelector(`[part~="banner"][data-state="${wanted}"]`)) w.__flippedAt = Date.now();
    }).observe(root, { subtree: true, attributes: true, childList: true });
  }, state);
}

async function flipOnce(h: Harness, id: string): Promise<number> {
  const s: Scenario = {
    ...lockedAccount(id),
    graceHours: 2,
    lastDayFromToday: 0,
    account: { name: `Bench ${id}`, timezone: eveningZone(h.tenure.now()), locale: "en" },
  };
  await h.tenure.seed(s);
  const ent = await call<{ accessEndsAt: string }>(h, "GET", `/v1/accounts/${id}/entitlement`);
  // Move server time so the boundary is 3 s of real time away; the browser learns server time.
  h.tenure.advance(Date.parse(ent.accessEndsAt) - h.tenure.now() - 3000);
  const boundaryWallTime = Date.now() + (Date.parse(ent.accessEndsAt) - h.tenure.now());
  const page = await h.open({ scenario: s });
  await watchFor(page, "grace");
  await page.waitForFunction(() => (window as unknown as { __flippedAt?: number }).__flippedAt !== undefined, null, { polling: 50, timeout: 30_000 });
  const flippedAt = await page.evaluate(() => (window as unknown as { __flippedAt: number }).__flippedAt);
  await page.context().close();
  return flippedAt - boundaryWallTime;
}

export async function benchLatency(runs = 8): Promise<LatencyFigures[]> {
  const h = await startHarness({ seed: [] });
  try {
    const unlock: number[] = [];
    const flip: number[] = [];
    const push: number[] = [];
    for (let i = 0; i < runs; i++) unlock.push(await unlockOnce(h, `bench-unlock-${i}`));
    for (let i = 0; i < runs; i++) push.push(await pushOnce(h, `bench-push-${i}`));
    for (let i = 0; i < runs; i++) flip.push(await flipOnce(h, `bench-flip-${i}`));
    return [
      figures("unlock: completion answer → lock modal gone (open page)", unlock, "≤ 2000 ms"),
      figures("flip: accessEndsAt → grace shown (no reload)", flip, "≤ 1000 ms"),
      figures("push (Node): grant answer → lock modal gone (open page, stream)", push, "≤ 2000 ms"),
    ];
  } finally {
    await h.close();
  }
}
