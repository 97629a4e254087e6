import { describe, expect, it } from "vitest";
import type { Lang } from "../lib/i18n.ts";
import { CHECKLIST_MESSAGES } from "./checklist/messages.ts";
import { DECLINE_MESSAGES } from "./decline/messages.ts";
import { OFFER_MESSAGES } from "./decline/offer-messages.ts";
import { NPS_MESSAGES } from "./nps/messages.ts";
import { RECAP_MESSAGES } from "./recap/messages.ts";
import { RENEW_DIALOG_MESSAGES } from "./renew-dialog/messages.ts";
import { RENEWAL_MESSAGES } from "./renewal/messages.ts";
import { SEATS_MESSAGES } from "./seats/messages.ts";

const TABLES: Record<string, Record<Lang, Record<string, string>>> = {
  checklist: CHECKLIST_MESSAGES,
  decline: DECLINE_MESSAGES,
  offer: OFFER_MESSAGES,
  nps: NPS_MESSAGES,
  recap: RECAP_MESSAGES,
  renewDialog: RENEW_DIALOG_MESSAGES,
  renewal: RENEWAL_MESSAGES,
  seats: SEATS_MESSAGES,
};

const placeholders = (text: string): string[] => (text.match(/\{\w+\}/g) ?? []).sort();

describe("the on-demand parts' messages", () => {
  for (const [name, table] of Object.entries(TABLES)) {
    it(`has every English message of ${name} in Chinese, with the same placeholders`, () => {
      expect(Object.keys(table["zh-CN"]).sort()).toEqual(Object.keys(table.en).sort());
      for (const key of Object.keys(table.en)) expect(placeholders(table["zh-CN"][key]!), `${name}.${key}`).toEqual(placeholders(table.en[key]!));
    });

    it(`leaves no English in Chinese in ${name}`, () => {
      for (const [key, text] of Object.entries(table["zh-CN"])) expect(text.replace(/\{\w+\}/g, ""), `${name}.${key}`).not.toMatch(/[A-Za-z]/);
    });
  }
});
