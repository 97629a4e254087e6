import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { widgetEventId } from "./widget-event-id.ts";

describe("widgetEventId", () => {
  it("keeps user y:z of account x apart from user z of account x:y", () => {
    expect(widgetEventId("x", "y:z", "1")).not.toBe(widgetEventId("x:y", "z", "1"));
  });

  it("gives different ids to different (account, user, event) triples (property)", () => {
    const part = fc.string({ unit: fc.constantFrom("a", ":", ".", "1", "-"), minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.tuple(part, part, part), fc.tuple(part, part, part), (a, b) => {
        fc.pre(a.join("\n") !== b.join("\n"));
        expect(widgetEventId(...a)).not.toBe(widgetEventId(...b));
      }),
      { numRuns: 2000 },
    );
  });
});
