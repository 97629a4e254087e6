import { describe, expect, it } from "vitest";
import { isPublicAddress, refuseTarget } from "./resolve-host.ts";

describe("isPublicAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.0.9",
    "10.0.0.1",
    "172.16.5.4",
    "172.31.255.255",
    "192.168.0.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "198.18.0.1",
    "192.0.2.1",
    "::",
    "::1",
    "[::1]",
    "fe80::1",
    "fe80::1%eth0",
    "fc00::1",
    "fd12:3456::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.0.0.1",
    "64:ff9b::a00:1",
    "2002:a00:1::1",
    "2001:db8::1",
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "2002:808:808::1"])("accepts %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each(["", "example.com", "1.2.3", "1.2.3.256", "1::2::3", "12345::1", "::ffff:1.2.3.999"])("treats %j as not an address", (text) => {
    expect(isPublicAddress(text)).toBe(false);
  });
});

describe("refuseTarget", () => {
  const publicResolver = async (): Promise<string[]> => ["93.184.215.14"];

  it("accepts an https URL whose host resolves only to public addresses", async () => {
    expect(await refuseTarget(new URL("https://hooks.example.com/x"), { allowPrivate: false, resolve: publicResolver })).toBeNull();
  });

  it("refuses a host with any inward address among its answers", async () => {
    const mixed = async (): Promise<string[]> => ["93.184.215.14", "10.0.0.7"];
    expect(await refuseTarget(new URL("https://hooks.example.com/x"), { allowPrivate: false, resolve: mixed })).toMatch(/10\.0\.0\.7/);
  });

  it("refuses a host that does not resolve, or whose resolver fails", async () => {
    expect(await refuseTarget(new URL("https://nowhere.example/x"), { allowPrivate: false, resolve: async () => [] })).toMatch(/does not resolve/);
    const failing = async (): Promise<string[]> => {
      throw new Error("SERVFAIL");
    };
    expect(await refuseTarget(new URL("https://broken.example/x"), { allowPrivate: false, resolve: failing })).toMatch(/could not be resolved/);
  });

  it("refuses other schemes and credentials even when private targets are allowed", async () => {
    expect(await refuseTarget(new URL("ftp://example.com/"), { allowPrivate: true })).toMatch(/http/);
    expect(await refuseTarget(new URL("https://a:b@example.com/"), { allowPrivate: true })).toMatch(/credentials/);
    expect(await refuseTarget(new URL("http://127.0.0.1:8080/"), { allowPrivate: true })).toBeNull();
  });

  it("resolves localhost through the system resolver and refuses it", async () => {
    expect(await refuseTarget(new URL("http://localhost:1/"), { allowPrivate: false })).toMatch(/loopback/);
  });
});
