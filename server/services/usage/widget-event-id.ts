/**
 * The id a widget event is stored under, unique per tenant: `w:` then each of account, user
 * and the browser's id as `<length>.<text>`. Ids may themselves contain `:`, so a plain
 * join would let user `y:z` in account `x` and user `z` in account `x:y` share an id (and
 * one of their events be dropped as a duplicate); length prefixes make every split unique.
 */
export function widgetEventId(accountId: string, userId: string, eventId: string): string {
  return "w:" + [accountId, userId, eventId].map((part) => `${part.length}.${part}`).join("");
}
