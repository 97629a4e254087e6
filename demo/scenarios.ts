/**
 * The demo tenant's customer accounts, one per state the widget can be in. End dates are
 * computed from "now" in each account's own zone, so a fresh start always shows every state.
 */
import type { LockMode } from "../shared/entitlement/timeline.ts";

export interface DemoUser {
  sub: string;
  name: string;
  role: "admin" | "member";
  email: string;
}

export interface Scenario {
  accountId: string;
  label: string;
  account: { name: string; timezone: string; locale: string };
  /** The contract's last day, as days from today in the account's zone (0 = today is the last day). */
  lastDayFromToday: number;
  seats: number;
  bonusSeats?: number;
  graceHours?: number;
  lockMode?: LockMode;
  plan: string;
  /** The term's price in minor units (what a renewal charges, with any uplift). */
  amount?: { value: number; currency: string };
  users: DemoUser[];
  /** Teammates who have signed in (so they hold seats), besides `users`. */
  otherSeatedUsers?: number;
}

function people(domain: string, admin: string, member: string): DemoUser[] {
  return [
    { sub: "admin", name: admin, role: "admin", email: `${admin.split(" ")[0]!.toLowerCase()}@${domain}` },
    { sub: "member", name: member, role: "member", email: `${member.split(" ")[0]!.toLowerCase()}@${domain}` },
  ];
}

function chinesePeople(domain: string, admin: string, member: string): DemoUser[] {
  return [
    { sub: "admin", name: admin, role: "admin", email: `admin@${domain}` },
    { sub: "member", name: member, role: "member", email: `member@${domain}` },
  ];
}

export const SCENARIOS: readonly Scenario[] = [
  {
    accountId: "acme-robotics",
    label: "Active · low risk",
    plan: "Business",
    amount: { value: 1_500_000, currency: "USD" },
    account: { name: "Acme Robotics", timezone: "America/New_York", locale: "en-US" },
    lastDayFromToday: 200,
    seats: 25,
    users: people("acme.test", "Ada Park", "Mo Reyes"),
  },
  {
    accountId: "borealis-labs",
    label: "Expiring in 3 days · high risk",
    plan: "Team",
    amount: { value: 360_000, currency: "EUR" },
    account: { name: "Borealis Labs", timezone: "Europe/Berlin", locale: "en" },
    lastDayFromToday: 2,
    seats: 12,
    users: people("borealis.test", "Lena Vogt", "Jonas Weber"),
  },
  {
    accountId: "cathay-trading",
    label: "最后一天 (Last day, 中文)",
    plan: "企业版",
    amount: { value: 9_600_000, currency: "CNY" },
    account: { name: "华夏贸易", timezone: "Asia/Shanghai", locale: "zh-CN" },
    lastDayFromToday: 0,
    seats: 30,
    users: chinesePeople("cathay.test", "王芳", "李伟"),
  },
  {
    accountId: "delta-freight",
    label: "In grace",
    plan: "Team",
    graceHours: 72,
    amount: { value: 240_000, currency: "USD" },
    account: { name: "Delta Freight", timezone: "America/Los_Angeles", locale: "en-US" },
    lastDayFromToday: -1,
    seats: 8,
    users: people("delta.test", "Sam Ortiz", "Priya Nair"),
  },
  {
    accountId: "emerald-studio",
    label: "Locked (soft)",
    plan: "Starter",
    graceHours: 48,
    lockMode: "soft",
    amount: { value: 60_000, currency: "GBP" },
    account: { name: "Emerald Studio", timezone: "Europe/London", locale: "en-GB" },
    lastDayFromToday: -10,
    seats: 5,
    users: people("emerald.test", "Olivia Hughes", "Tom Baker"),
  },
  {
    accountId: "fuxing-media",
    label: "只读锁定 (Read-only, 中文)",
    plan: "专业版",
    graceHours: 48,
    lockMode: "read_only",
    amount: { value: 3_600_000, currency: "CNY" },
    account: { name: "复兴传媒", timezone: "Asia/Shanghai", locale: "zh-CN" },
    lastDayFromToday: -10,
    seats: 15,
    users: chinesePeople("fuxing.test", "陈静", "刘洋"),
  },
  {
    accountId: "granite-legal",
    label: "Locked (hard)",
    plan: "Business",
    graceHours: 24,
    lockMode: "hard",
    amount: { value: 1_200_000, currency: "USD" },
    account: { name: "Granite Legal", timezone: "America/Chicago", locale: "en-US" },
    lastDayFromToday: -10,
    seats: 20,
    users: people("granite.test", "Grace Kim", "Noah Bell"),
  },
  {
    accountId: "harbor-health",
    label: "Near the seat limit · medium risk",
    plan: "Team",
    amount: { value: 500_000, currency: "SGD" },
    account: { name: "Harbor Health", timezone: "Asia/Singapore", locale: "en" },
    lastDayFromToday: 120,
    seats: 10,
    bonusSeats: 2,
    otherSeatedUsers: 9,
    users: people("harbor.test", "Mei Lin", "Arjun Rao"),
  },
  {
    // Went live ten days ago: onboarding half done, first value still ahead.
    accountId: "ivy-onboarding",
    label: "Onboarding, day 10",
    plan: "Team",
    amount: { value: 300_000, currency: "AUD" },
    account: { name: "Ivy & Co", timezone: "Australia/Sydney", locale: "en-AU" },
    lastDayFromToday: 354,
    seats: 10,
    users: people("ivy.test", "Isla Moore", "Ravi Shah"),
  },
];

/** The calendar date `days` from today in `timeZone`, as `YYYY-MM-DD` (`en-CA` formats exactly so). */
export function localDate(now: number, timeZone: string, days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The public API body for a scenario's contract: a year-long term ending on its last day. */
export function contractBody(scenario: Scenario, now: number): Record<string, unknown> {
  const endDate = localDate(now, scenario.account.timezone, scenario.lastDayFromToday);
  return {
    seats: scenario.seats,
    startDate: localDate(now, scenario.account.timezone, scenario.lastDayFromToday - 364),
    endDate,
    plan: scenario.plan,
    ...(scenario.amount ? { amount: scenario.amount } : {}),
    ...(scenario.graceHours !== undefined ? { graceHours: scenario.graceHours } : {}),
    ...(scenario.lockMode ? { lockMode: scenario.lockMode } : {}),
  };
}
