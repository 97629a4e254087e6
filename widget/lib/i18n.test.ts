import { describe, expect, it } from "vitest";
import { chooseLocale, EN, translator } from "./i18n.ts";
import { ZH } from "./i18n-zh.ts";

const MESSAGES = { en: EN, "zh-CN": ZH };

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

  it("speaks Chinese once its table is here, English until then", () => {
    expect(translator("zh-CN", ZH)("renew")).toBe("立即续费");
    expect(translator("zh-CN", null)("renew")).toBe("Renew now");
  });

  it("fills placeholders", () => {
    expect(translator("en", ZH)("contactSupport", { email: "a@b.test" })).toBe("Questions? Contact a@b.test");
  });

  it("prefers the init option, then the account's locale, then the browser's", () => {
    expect(chooseLocale(["zh-CN", "en", "en-US"])).toEqual({ lang: "zh-CN", intl: "zh-CN" });
    expect(chooseLocale([null, "zh-Hans-CN", "en-US"]).lang).toBe("zh-CN");
    expect(chooseLocale([null, "en", "zh-CN"])).toEqual({ lang: "en", intl: "en-GB" });
    expect(chooseLocale(["not a tag!", undefined, "en-US"])).toEqual({ lang: "en", intl: "en-US" });
    expect(chooseLocale([])).toEqual({ lang: "en", intl: "en-GB" });
  });

  it("falls back to the closest supported language for words, keeping the requested locale for dates", () => {
    expect(chooseLocale(["de-DE", "zh-CN"])).toEqual({ lang: "en", intl: "de-DE" });
    expect(chooseLocale(["fr-FR", undefined, "en-US"])).toEqual({ lang: "en", intl: "fr-FR" });
    expect(chooseLocale(["zh-TW"])).toEqual({ lang: "zh-CN", intl: "zh-TW" });
    expect(chooseLocale(["zh"])).toEqual({ lang: "zh-CN", intl: "zh" });
  });
});
