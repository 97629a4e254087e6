/**
 * A book of customer accounts for the console: contract ends spread over the past four
 * months and the next eleven, four currencies, high- and tech-touch, owners, some renewed
 * (with uplift or a downsell), some lapsed, and usage that puts them in every risk band.
 * Seeded once through the public API, as a vendor's backend would; a restart keeps them.
 */
import { DEMO_PLANS } from "./plans.ts";
import type { Requester } from "./seed.ts";

const DAY = 86_400_000;
const NAMES = [
  "Aurora Analytics",
  "Baltic Shipping",
  "Cedar Health",
  "Dune Media",
  "Ember Foods",
  "Fjord Energy",
  "Glacier Bank",
  "Helix Bio",
  "Indigo Retail",
  "Juniper Law",
  "Kite Logistics",
  "Lumen Schools",
  "Maple Insurance",
  "Nimbus Cloud",
  "Orchid Hotels",
  "Pioneer Mining",
  "Quartz Devices",
  "Redwood Capital",
  "Sakura Mobility",
  "Tundra Outdoor",
  "Umber Studio",
  "Vega Telecom",
  "Willow Care",
  "Xenon Labs",
  "Yarrow Farms",
  "Zephyr Air",
  "Atlas Build",
  "Beacon Security",
  "Coral Travel",
  "Delta Pharma",
  "Echo Audio",
  "Falcon Freight",
];
const ZONES = ["Asia/Shanghai", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "America/Los_Angeles", "Europe/London"];
const CURRENCIES: Array<[string, number]> = [
  ["USD", 100],
  ["EUR", 100],
  ["CNY", 100],
  ["JPY", 1],
];
const OWNERS = ["mei@planboard.example", "sam@planboard.example", "lena@planboard.example"];

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

async function call(request: Requester, secretKey: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await request(path, {
    method,
    headers: { Authorization: `Bearer ${secretKey}`, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 400 && !(method === "GET" && res.status === 404)) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export async function seedPortfolio(request: Requester, secretKey: string, now: number): Promise<void> {
  // A contract's plan must be defined first; these two come from the demo's catalogue.
  for (const plan of ["Team", "Business"]) await call(request, secretKey, "PUT", `/v1/plans/${plan}`, DEMO_PLANS[plan]);
  for (const [i, name] of NAMES.entries()) {
    const id = name.toLowerCase().replace(/\s+/g, "-");
    const base = `/v1/accounts/${id}`;
    if ((await call(request, secretKey, "GET", base)).status === 200) continue;
    const zone = ZONES[i % ZONES.length]!;
    const [currency, unit] = CURRENCIES[i % CURRENCIES.length]!;
    const seats = [10, 25, 50, 120, 300][i % 5]!;
    const highTouch = seats >= 50;
    await call(request, secretKey, "PUT", base, {
      name,
      timezone: zone,
      segment: highTouch ? "high_touch" : "tech_touch",
      stage: i % 9 === 4 ? "trial" : i % 11 === 7 ? "poc" : "customer",
      ...(i % 4 === 3 ? {} : { owner: OWNERS[i % OWNERS.length] }),
    });
    // Last days from 120 days ago to 330 days ahead; yearly terms, a few quarterly ones.
    const lastDay = now + (-120 + ((i * 97) % 450)) * DAY;
    const quarterly = i % 7 === 2;
    const start = lastDay - (quarterly ? 90 : 364) * DAY;
    const yearly = seats * [120, 110, 800, 15_000][i % CURRENCIES.length]! * unit;
    await call(request, secretKey, "PUT", `${base}/contract`, {
      seats,
      startDate: isoDay(start),
      endDate: isoDay(lastDay),
      plan: seats >= 120 ? "Business" : "Team",
      amount: { value: quarterly ? Math.round(yearly / 4) : yearly, currency },
      upliftPercent: i % 3 === 0 ? 5 : 0,
    });
    // Most terms that already ended were renewed (one in eight with fewer seats); the rest lapsed.
    if (lastDay < now && i % 5 !== 1) {
      const renewal = await call(request, secretKey, "POST", `${base}/renewals`, {});
      const downsell = i % 8 === 0;
      await call(
        request,
        secretKey,
        "POST",
        `${base}/renewals/${renewal.body.id}/complete`,
        downsell ? { seats: Math.round(seats * 0.7), amount: { value: Math.round(yearly * 0.7), currency } } : {},
      );
    }
    // Usage: the busiest accounts are near their seat cap and healthy; some are silent (high risk).
    const share = [0.95, 0.6, 0.3, 0.05, 0][i % 5]!;
    const users = Math.min(60, Math.round(seats * share));
    const events = [];
    for (let u = 0; u < users; u++) {
      for (let d = 0; d < 6; d++)
        events.push({
          id: `${id}-u${u}-d${d}`,
          accountId: id,
          userId: `u${u}`,
          name: d % 3 === 0 ? "feature.used" : "session",
          properties: d % 3 === 0 ? { feature: ["board", "report", "export"][u % 3], module: "core" } : {},
          timestamp: new Date(now - d * 4 * DAY - u * 60_000).toISOString(),
        });
    }
    for (let k = 0; k < events.length; k += 500) await call(request, secretKey, "POST", "/v1/events", { events: events.slice(k, k + 500) });
  }
}
