import type { JSX } from "preact";
import type { WidgetContext } from "../../components/context.ts";
import { stateOf } from "../../lib/feature-host.ts";
import type { FeatureHost } from "../../lib/feature-host.ts";
import { formatMinute } from "../../lib/local-time.ts";
import { postWidget } from "../api.ts";
import { seatsText } from "./messages.ts";

interface Holder {
  userId: string;
  name: string | null;
  lastActiveAt: number;
  you: boolean;
}

interface HoldersState {
  holders: Holder[] | null;
  loading: boolean;
  releasing: string | null;
}

function holdersState(host: FeatureHost): HoldersState {
  return stateOf(host, "seatHolders", () => ({ holders: null, loading: false, releasing: null }));
}

async function load(host: FeatureHost): Promise<void> {
  const state = holdersState(host);
  if (state.loading) return;
  state.loading = true;
  const answer = await postWidget<{ holders: Holder[] }>(host, "/seats", {});
  state.loading = false;
  if (answer.status === 200 && answer.body) state.holders = answer.body.holders;
  host.render();
}

async function release(host: FeatureHost, userId: string): Promise<void> {
  const state = holdersState(host);
  state.releasing = userId;
  host.render();
  await postWidget(host, "/seats/release", { userId });
  state.releasing = null;
  state.holders = null;
  // The seat count changed: the bootstrap and the list are read again.
  host.sync();
  void load(host);
}

/** Who holds the seats (name, last active), each with a release button but the admin's own. */
export function SeatHolders({ ctx }: { ctx: WidgetContext }): JSX.Element | null {
  const { host } = ctx;
  const t = seatsText(ctx.lang);
  const state = holdersState(host);
  if (state.holders === null) {
    void load(host);
    return null;
  }
  const zone = ctx.viewerZone ?? ctx.data.account.timezone;
  return (
    <div class="holders">
      <h3>{t("holdersTitle")}</h3>
      <ul>
        {state.holders.map((holder) => (
          <li key={holder.userId} data-user={holder.userId}>
            <span class="who">
              <span>{holder.name ?? holder.userId}</span>
              <span class="m">{t("lastActive", { time: formatMinute(holder.lastActiveAt, ctx.locale, zone) })}</span>
            </span>
            {holder.you ? null : (
              <button type="button" class="sec" disabled={state.releasing !== null} onClick={() => void release(host, holder.userId)}>
                {t("release")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
