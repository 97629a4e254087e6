import { describe, expect, it } from "vitest";
import { createSecretBox, generateEncryptionKey, isSealed, parseKeyRing } from "./secret-box.ts";

describe("secret box", () => {
  it("opens what it sealed, and only in the place it was sealed for", async () => {
    const box = await createSecretBox(parseKeyRing(generateEncryptionKey()));
    const sealed = await box.seal("tis_secret", "identity:ten_a");
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain("tis_secret");
    expect(await box.open(sealed, "identity:ten_a")).toBe("tis_secret");
    await expect(box.open(sealed, "identity:ten_b")).rejects.toThrow();
  });

  it("seals the same secret differently each time (random IV)", async () => {
    const box = await createSecretBox(parseKeyRing(generateEncryptionKey()));
    expect(await box.seal("x", "c")).not.toBe(await box.seal("x", "c"));
  });

  it("refuses a tampered value and one sealed under a key it does not have", async () => {
    const box = await createSecretBox(parseKeyRing(generateEncryptionKey()));
    const other = await createSecretBox(parseKeyRing(generateEncryptionKey()));
    const sealed = await box.seal("whsec_abc", "webhook:whk_1");
    // A character well inside the body (a full base64 group): always a different byte.
    const at = sealed.length - 10;
    const flipped = `${sealed.slice(0, at)}${sealed[at] === "A" ? "B" : "A"}${sealed.slice(at + 1)}`;
    await expect(box.open(flipped, "webhook:whk_1")).rejects.toThrow();
    await expect(other.open(sealed, "webhook:whk_1")).rejects.toThrow(/does not have/);
  });

  it("seals with the first key of a ring and opens with any, so keys can rotate", async () => {
    const oldKey = generateEncryptionKey();
    const newKey = generateEncryptionKey();
    const before = await createSecretBox(parseKeyRing(oldKey));
    const sealedOld = await before.seal("s", "c");
    const ring = await createSecretBox(parseKeyRing(`${newKey},${oldKey}`));
    expect(await ring.open(sealedOld, "c")).toBe("s");
    expect(ring.isCurrent(sealedOld)).toBe(false);
    expect(ring.isCurrent(await ring.seal("s", "c"))).toBe(true);
  });

  it("answers plain text stored before encryption as it is", async () => {
    const box = await createSecretBox(parseKeyRing(generateEncryptionKey()));
    expect(await box.open("tis_plain", "identity:ten_a")).toBe("tis_plain");
    expect(box.isCurrent("tis_plain")).toBe(false);
  });

  it("fails loudly on a key that is not 32 bytes of base64", () => {
    expect(() => parseKeyRing("")).toThrow(/no key/);
    expect(() => parseKeyRing(btoa("short"))).toThrow(/32/);
    expect(() => parseKeyRing("not base64 !!")).toThrow();
  });
});
