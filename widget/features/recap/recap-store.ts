import type { InAppNotice, ValueRecap, WidgetRecapResponse } from "../../../shared/reminders/wire.ts";
import type { FeatureHost } from "../../lib/feature-host.ts";
import { stateOf } from "../../lib/feature-host.ts";
import { postWidget } from "../api.ts";

interface RecapState {
  status: "idle" | "loading" | "ready" | "failed";
  recap: ValueRecap | null;
  notice: InAppNotice | null;
  at: number;
}

/** A value recap is a summary of days of usage: re-read it at most this often. */
const FRESH_MS = 10 * 60_000;

/**
 * This term's value recap and the current reminder notice (`POST /v1/widget/recap`), read
 * once when first shown and kept for the session. Null until it arrives (or if it failed).
 */
export function useRecap(host: FeatureHost): RecapState {
  const state = stateOf<RecapState>(host, "recap", () => ({ status: "idle", recap: null, notice: null, at: 0 }));
  const stale = state.status === "ready" && host.now() - state.at > FRESH_MS;
  if (state.status === "idle" || stale) {
    state.status = "loading";
    void postWidget<WidgetRecapResponse>(host, "/recap", { locale: host.lang() }).then((answer) => {
      const body = answer.status === 200 ? answer.body : null;
      Object.assign(state, body?.recap ? { status: "ready", recap: body.recap, notice: body.notice ?? null, at: host.now() } : { status: "failed" });
      host.render();
    });
  }
  return state;
}
