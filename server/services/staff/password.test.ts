import { describe, expect, it } from "vitest";
import { scryptAsync } from "@noble/hashes/scrypt.js";
import { deriveKey, hashPassword, verifyPassword } from "./password.ts";

describe("staff passwords", () => {
  it("verifies the right password and refuses a wrong or tampered one", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(/^scrypt\$16384\$8\$5\$/);
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", stored)).toBe(false);
    expect(await verifyPassword("correct horse battery staple", stored.replace("scrypt", "md5"))).toBe(false);
  });

  it("derives the same key natively as the pure-JS scrypt that Workers may use", async () => {
    const password = new TextEncoder().encode("pässwörd 密码");
    const salt = new Uint8Array(16).fill(7);
    const params = { N: 2 ** 14, r: 8, p: 5, dkLen: 32 };
    expect(Buffer.from(await deriveKey(password, salt, params)).toString("hex")).toBe(Buffer.from(await scryptAsync(password, salt, params)).toString("hex"));
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });
});
