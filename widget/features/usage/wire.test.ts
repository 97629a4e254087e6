import { describe, expect, it } from "vitest";
import type { TrackedEvent } from "../../lib/track-queue.ts";
import { beaconBodies, refusal, toWire } from "./wire.ts";

const event = (name: string, properties: Record<string, unknown> = {}, id = "e1"): TrackedEvent => ({ id, name, properties, timestamp: 1_700_000_000_000.4 });
const credentials = { publishableKey: "pk_test", userToken: "a.b.c" };

describe("usage events on the wire", () => {
  it("sends id, name, a whole-millisecond timestamp, and properties only when there are some", () => {
    expect(toWire(event("task_created"))).toEqual({ id: "e1", name: "task_created", timestamp: 1_700_000_000_000 });
    expect(toWire(event("report.opened", { module: "reports" })).properties).toEqual({ module: "reports" });
  });

  it("refuses what the server would refuse, so one bad event cannot sink a batch", () => {
    expect(refusal(event("task_created", { length: 3 }))).toBeNull();
    expect(refusal(event("feature.used", { feature: "export", module: "reports" }))).toBeNull();
    expect(refusal(event("feature.used", {}))).toMatch(/properties.feature/);
    expect(refusal(event("feature.used", { feature: "x", module: "" }))).toMatch(/module/);
    expect(refusal(event("nps.answered", { score: 11 }))).toMatch(/score/);
    expect(refusal(event("nps.answered", { score: 9 }))).toBeNull();
    expect(refusal(event("ticket.opened"))).toMatch(/server/);
    expect(refusal(event("bad\nname"))).toMatch(/control/);
    expect(refusal(event("big", { blob: "x".repeat(9000) }))).toMatch(/8 KB/);
    expect(refusal(event("long", { ["k".repeat(201)]: 1 }))).toMatch(/property name/);
  });

  it("splits a beacon's events into complete bodies under the size limit, keeping every event once", () => {
    const events = Array.from({ length: 50 }, (_, i) => toWire(event("task_created", { title: "t".repeat(100) }, `e${i}`)));
    const bodies = beaconBodies(events, credentials, 2000);
    expect(bodies.length).toBeGreaterThan(1);
    for (const { body } of bodies) expect(body.length).toBeLessThanOrEqual(2000);
    const sent = bodies.flatMap(({ body }) => (JSON.parse(body) as { events: Array<{ id: string }> }).events.map((e) => e.id));
    expect(sent).toEqual(events.map((e) => e.id));
    expect(JSON.parse(bodies[0]!.body)).toMatchObject(credentials);
  });

  it("leaves out an event too large for any beacon", () => {
    const huge = toWire(event("huge", { blob: "x".repeat(3000) }, "big"));
    const small = toWire(event("small", {}, "ok"));
    expect(beaconBodies([huge, small], credentials, 2000).map((b) => b.ids)).toEqual([["ok"]]);
  });
});
