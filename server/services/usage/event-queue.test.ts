import { describe, expect, it } from "vitest";
import { queuedBatch, toMessages } from "./event-queue.ts";

function event(i: number, propertyBytes: number) {
  return { id: `e-${i}`, accountId: "acme", userId: null, name: "custom", properties: { blob: "x".repeat(propertyBytes) }, timestamp: null };
}

describe("toMessages", () => {
  it("keeps each queue message under 100 KB (Queues caps one at 128 KB) and every event in order", () => {
    const events = Array.from({ length: 500 }, (_, i) => event(i, 2_000)); // ~1 MB, the largest body the route accepts
    const messages = toMessages({ tenantId: "ten_1", source: "server", receivedAt: 1, events });
    expect(messages.length).toBeGreaterThan(9);
    for (const message of messages) {
      expect(JSON.stringify(message).length).toBeLessThan(100_500);
      expect(queuedBatch.safeParse(message).success).toBe(true);
    }
    expect(messages.flatMap((message) => message.events.map((e) => e.id))).toEqual(events.map((e) => e.id));
  });

  it("sends a small batch as one message", () => {
    const messages = toMessages({ tenantId: "ten_1", source: "widget", receivedAt: 5, events: [event(1, 10), event(2, 10)] });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ v: 1, tenantId: "ten_1", source: "widget", receivedAt: 5 });
  });

  it("rejects a malformed message body, which the consumer then retries into the dead-letter queue", () => {
    expect(queuedBatch.safeParse({ v: 1, tenantId: "ten_1", source: "server", receivedAt: 1, events: "nope" }).success).toBe(false);
    expect(queuedBatch.safeParse({ v: 2, tenantId: "ten_1", source: "server", receivedAt: 1, events: [event(1, 1)] }).success).toBe(false);
  });
});
