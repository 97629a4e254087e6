import { describe, expect, it } from "vitest";
import { chooseLocale, MESSAGES, translator } from "./i18n.ts";

describe("messages", () => {
  it("has every English message in Chinese, with the same placeholders", () => {
    const en = MESSAGES.en;
    const zh = MESSAGES["zh-CN"];
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      const names = (text: string): string[] => (text.match(/\{\w+\}/g) ?? []).sort();
      expect(names(zh[key]), key).toEqual(names(en[key]));
    }
  });

  it("leaves no English in Chinese", () => {
    for (const [key, text] of Object.entries(MESSAGES["zh-CN"])) {
      expect(text.replace(/\{\w+\}/g, ""), key).not.toMatch(/[A-Za-z]/);
    }
  });

  it("fills placeholders", () => {
    expect(translator("en")("contactSupport", { email: "a@b.test" })).toBe("Questions? Contact a@b.test");
  });

  it("prefers the init option, then the account's locale, then the browser's", () => {
    expect(chooseLocale(["zh-CN", "en", "en-US"])).toEqual({ lang: "zh-CN", intl: "zh-CN" });
    expect(chooseLocale([null, "zh-Hans-CN", "en-US"]).lang).toBe("zh-CN");
    expect(chooseLocale(["fr-FR", undefined, "en-US"])).toEqual({ lang: "en", intl: "en-US" });
    expect(chooseLocale([null, "en", "zh-CN"])).toEqual({ lang: "en", intl: "en-GB" });
    expect(chooseLocale(["de", "fr", "ja"])).toEqual({ lang: "en", intl: "en-GB" });
  });
});
