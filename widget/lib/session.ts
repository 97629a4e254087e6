import { jsx, render as renderTree } from "./dom.ts";
import { nextChangeAt, stateAt } from "../../shared/entitlement/timeline.ts";
import type { BootstrapResponse } from "../../shared/wire/bootstrap.ts";
import { readBootstrap, REQUEST_TIMEOUT_MS, requestBootstrap, withTimeout } from "../api/bootstrap.ts";
import type { BootstrapResult, WidgetError } from "../api/bootstrap.ts";
import type { WidgetActions } from "../components/context.ts";
import { WidgetRoot } from "../components/widget-root.tsx";
import { createClock, scheduleAt } from "./clock.ts";
import type { Emitter } from "./emitter.ts";
import type { FeatureHost } from "./feature-host.ts";
import { prefetchKey } from "./handoff.ts";
import type { Prefetch, TimedResponse } from "./handoff.ts";
import { chooseLocale, translator } from "./i18n.ts";
import { forgetLastKnown, lastKnownKey, readLastKnown, writeLastKnown } from "./last-known.ts";
import { chunk, loadChunk, onChunk } from "./lazy.ts";
import { viewerTimeZone } from "./local-time.ts";
import { mountWidget } from "./mount.ts";
import type { Mount } from "./mount.ts";
import { listenToPage } from "./page-events.ts";
import { openCheckoutTab, renewalOutcome } from "./renewal-sync.ts";
import { drainTracks } from "./track-queue.ts";
import { computeView, SOFT_LOCK_SNOOZE_MS, timelineOf } from "./view.ts";
import type { UiState } from "./view.ts";
import { attempt } from "./attempt.ts";
import { expiresAt, REFRESH_AHEAD_MS } from "./token.ts";
import type { TokenSource } from "./token.ts";

export interface SessionConfig {
  base: string;
  publishableKey: string;
  userToken: TokenSource;
  /** The `init` option; wins over the account's locale and the browser's. */
  locale: string | null;
  prefetch: Prefetch | undefined;
  emitter: Emitter;
}

export interface Session {
  identify(userToken: TokenSource): void;
  open(panel: string): void;
  /** Server time, as well as the widget knows it. */
  now(): number;
  destroy(): void;
}

/**
 * Without the push stream, revalidate (ETag: a bodiless 304 when nothing changed) at most
 * once a minute while the page is seen, doubling the gap after each failure up to 16 min;
 * with it, every 5 min as a safety net. On focus no more often than every 15 s.
 */
export const RESYNC_MS = 60_000;
const STREAMING_RESYNC_MS = 5 * 60_000;
const RETURN_THROTTLE_MS = 15_000;
const HOUR = 3_600_000;

/** One signed-in user's widget: fetches, keeps time, renders, and tells the host. */
export function startSession(config: SessionConfig): Session {
  const { base, publishableKey, emitter } = config;
  const clock = createClock();
  const ui: UiState = { softClosedUntil: null, readOnlyAcknowledged: false, panel: null, starting: false, checklist: false };
  let source = typeof config.userToken == "function" ? config.userToken : null;
  let token = typeof config.userToken == "string" ? config.userToken : "";
  let storageKey = lastKnownKey(publishableKey, token);
  /** A plain token expired: no more calls to the server until `identify` gives a new one. */
  let halted = false;
  let failures = 0;
  let errorCode = "";
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let prefetch = config.prefetch;
  let data: BootstrapResponse | null = null;
  let live = false;
  let staleFrom: number | null = null;
  let sampled = false;
  let mount: Mount | null = null;
  let accent = "";
  let reported = "";
  let fedFeatures = "";
  let fedToken = "";
  let ready = false;
  let destroyed = false;
  let generation = 0;
  let inFlight = false;
  let again = false;
  let lastSync = -Infinity;
  let cancelWake = (): void => {};
  let stopFeatures: (() => void) | null = null;
  const styles: string[] = [];
  const visible = (): boolean => document.visibilityState !== "hidden";
  const periodic = setInterval(() => {
    const gap = host.streaming ? STREAMING_RESYNC_MS : RESYNC_MS * 2 ** Math.min(failures, 4);
    if (visible() && performance.now() - lastSync >= gap - 1000) void sync();
  }, RESYNC_MS);
  const unlisten = listenToPage({
    // While a renewal is pending (back from checkout), re-read at once.
    onReturn: () => (data?.renewal.pending || performance.now() - lastSync > RETURN_THROTTLE_MS) && void sync(),
    onNavigate: () => {
      // A closed soft lock returns on the next navigation.
      if (ui.softClosedUntil !== null) (ui.softClosedUntil = null), render();
    },
  });
  const unChunk = onChunk(render);
  const locale = (): ReturnType<typeof chooseLocale> => chooseLocale([config.locale, data?.locale, navigator.language]);
  let zhFailed = false;
  const loadChinese = (): unknown => loadChunk("zh").catch(() => ((zhFailed = true), render()));

  async function sync(): Promise<void> {
    if (destroyed || halted) return;
    if (inFlight) return void (again = true);
    inFlight = true;
    lastSync = performance.now();
    try {
      if (!(await tokenReady(false))) return;
      const gen = generation;
      const pre = prefetch && prefetch.key === prefetchKey(publishableKey, token) ? prefetch : undefined;
      prefetch = undefined;
      const ask = (): Promise<TimedResponse | null> =>
        requestBootstrap(base, { publishableKey, userToken: token, ...(data ? { ifNoneMatch: data.etag } : {}) });
      let result = await readBootstrap(pre ? await withTimeout(pre.p, REQUEST_TIMEOUT_MS) : await ask());
      // Expired on the server's clock before ours noticed: a token function gets one more try.
      if (result.kind === "failed" && result.error?.code === "token_expired" && source && (await tokenReady(true))) result = await readBootstrap(await ask());
      if (gen === generation && !destroyed) apply(result);
    } catch (error) {
      console.error("[Tenure]", error);
    } finally {
      inFlight = false;
      if (again && !destroyed) (again = false), void sync();
    }
  }

  /**
   * A token the server will take: a plain one until its `exp`, after which the widget stops
   * calling and tells the host; a function's shortly before `exp` (or after a refusal).
   */
  async function tokenReady(force: boolean): Promise<boolean> {
    const exp = expiresAt(token);
    const fresh = token !== "" && (exp === null || exp - clock.now() > (source ? REFRESH_AHEAD_MS : 0));
    if (fresh && !force) return true;
    if (!source) return (halt(), false);
    const gen = generation;
    try {
      const next = await source();
      if (typeof next == "string" && next && gen === generation && !destroyed) adopt(next, false);
    } catch {
      // The host's function failed: the current token, if still valid, serves on.
    }
    return token !== "" && (expiresAt(token) ?? Infinity) > clock.now();
  }

  /** Asks the token function again shortly before the current token expires; a plain token stops the widget at `exp`. */
  function armRefresh(): void {
    clearTimeout(refreshTimer);
    const exp = expiresAt(token);
    if (exp === null || destroyed) return;
    const wait = exp - clock.now();
    refreshTimer = source
      ? setTimeout(() => void tokenReady(true).then(armRefresh), Math.max(wait - REFRESH_AHEAD_MS, 5000))
      : setTimeout(() => void tokenReady(false), wait + 1);
  }

  function halt(): void {
    if (halted) return;
    halted = true;
    endFeatures();
    report({ code: "token_expired", message: "the user token expired" });
  }

  /** The server's reason (or ours), to `Tenure('on', 'error')` handlers and the console, once per kind of failure. */
  function report(error: WidgetError): void {
    if (error.code === errorCode) return;
    errorCode = error.code;
    console.warn(`[Tenure] ${error.code}: ${error.message}`);
    emitter.emit("error", error);
  }

  function apply(result: BootstrapResult): void {
    if (result.sample) clock.learn(result.sample), (sampled = true);
    if (result.kind === "ok" || (result.kind === "not-modified" && data)) {
      if (result.kind === "ok") followRenewal(data, (data = result.data));
      failures = 0;
      errorCode = "";
      live = true;
      staleFrom = null;
      remember();
      if (!stopFeatures) startFeatures();
    } else {
      failures++;
      const error = result.kind === "failed" ? result.error : undefined;
      if (error?.code === "token_expired" && !source) halt();
      else report(error ?? { code: "unreachable", message: "Tenure could not be reached" });
      failOpen();
    }
    render();
  }

  /** Tells the host when a pending renewal completed, and forgets a finished checkout. */
  function followRenewal(before: BootstrapResponse | null, after: BootstrapResponse): void {
    const outcome = renewalOutcome(before, after);
    if (outcome) delete host.store.renewal;
    if (outcome !== "completed") return;
    // Paid: the renewal panel has done its job, and the user hears so once.
    if (ui.panel === "renew") ui.panel = null;
    host.store.renewed = 1;
    emitter.emit("renewal", { action: "completed" });
  }

  /** Tenure is unreachable: keep informing from what is known, never lock, until its state would change. */
  function failOpen(): void {
    if (data && live) {
      live = false;
      staleFrom = nextChangeAt(timelineOf(data), clock.now()) ?? clock.now();
      return;
    }
    const known = data ? null : readLastKnown(storageKey);
    if (!known || known.validUntil === null) return;
    // No server answer this page: estimate its time from the browser clock and the offset saved with the copy.
    if (!sampled) clock.learn({ serverNow: Date.now() + known.wallOffset, t0: performance.now(), t1: performance.now() });
    data = known.data;
    live = false;
    staleFrom = known.validUntil;
  }

  function remember(): void {
    if (!data) return;
    const now = clock.now();
    const timeline = timelineOf(data);
    const validUntil = stateAt(timeline, now) === "locked" ? null : nextChangeAt(timeline, now);
    writeLastKnown(storageKey, { data, wallOffset: clock.wallOffset(), validUntil });
  }

  /** Usage signals and the checklist: on demand, once Tenure has answered for this user. */
  function startFeatures(): void {
    const gen = generation;
    stopFeatures = () => {};
    loadChunk("engage").then(
      (m) => {
        if (!destroyed && gen === generation) stopFeatures = m.start(host);
      },
      () => (stopFeatures = null),
    );
  }

  function endFeatures(): void {
    stopFeatures?.();
    stopFeatures = null;
    for (const key of Object.keys(host.store)) delete host.store[key];
  }

  /** Never throws: it runs from timers and page events, where an error would land in the host's lap. */
  function render(): void {
    attempt(paint);
  }

  function paint(): void {
    if (destroyed || !data) return;
    cancelWake();
    if (!mount && (mount = mountWidget(document))) for (const css of styles) mount.addStyles(css);
    if (!mount) return void document.addEventListener("DOMContentLoaded", render, { once: true });
    if (accent !== data.branding.accentColor) mount.setAccent((accent = data.branding.accentColor));
    const now = clock.now();
    const view = computeView({ data, now, live, staleFrom, ui });
    const { lang, intl } = locale();
    const zh = lang === "zh-CN" ? chunk("zh") : null;
    // Chinese words are on their way (asked for with the bootstrap): wait for them, unless they failed.
    if (lang === "zh-CN" && !zh && !zhFailed) return void loadChinese();
    const ctx = { data, now, t: translator(lang, zh && zh.ZH), lang, locale: intl, viewerZone: viewerTimeZone(), actions, host };
    renderTree(jsx(WidgetRoot, { view, ctx }), mount.container);
    if (!ready) (ready = true), emitter.emit("ready", {});
    const report = JSON.stringify(view.report);
    if (view.report && report !== reported) (reported = report), emitter.emit("state", view.report);
    feed(data);
    if (view.nextWake !== null) cancelWake = scheduleAt(clock, view.nextWake, onWake);
  }

  /** `Tenure('on', 'features' | 'entitlement')`: the plan's features, and the signed entitlement for the host's backend. */
  function feed(d: BootstrapResponse): void {
    const features = d.features ?? {};
    const f = JSON.stringify(features);
    if (f !== fedFeatures) (fedFeatures = f), emitter.emit("features", features);
    if (d.entitlementToken && d.entitlementToken !== fedToken) (fedToken = d.entitlementToken), emitter.emit("entitlement", { token: fedToken, features });
  }

  function onWake(): void {
    const before = reported;
    render();
    // A boundary passed: confirm with the server (a renewal may have moved it), no polling otherwise.
    if (live && reported !== before) void sync();
  }

  function hideBanner(limit: number): void {
    loadChunk("prefs").then(
      (m) => m.hideBanner(host, limit),
      () => {},
    );
  }

  /** One click: a checkout tab opens inside the click, the renewal starts, the flow's part takes over. */
  function renew(): void {
    if (!data || ui.starting) return;
    const { provider, url } = data.renewal;
    const tab = (provider ?? (url ? "url" : "invoice")) === "invoice" ? null : openCheckoutTab();
    ui.starting = true;
    render();
    const done = (): void => void ((ui.starting = false), render());
    loadChunk("renewal")
      .then((m) => m.startRenewal(host, tab))
      .catch(() => {
        // The flow could not load: the vendor's renewal page, if any, is still a way out.
        if (tab && url && /^https?:/i.test(url)) tab.location.href = url;
        else tab?.close();
      })
      .then(done, done);
  }

  const actions: WidgetActions = {
    renew,
    decline: () => ((ui.panel = "decline"), render()),
    dismissBanner: () => hideBanner(Infinity),
    snoozeBanner: () => hideBanner(24 * HOUR),
    closeSoftLock: () => ((ui.softClosedUntil = clock.now() + SOFT_LOCK_SNOOZE_MS), render()),
    acknowledgeReadOnly: () => ((ui.readOnlyAcknowledged = true), render()),
    closePanel: () => ((ui.panel = null), render()),
  };

  const host: FeatureHost = {
    base,
    publishableKey,
    streaming: false,
    userToken: () => (halted ? "" : token),
    userKey: () => storageKey,
    now: () => clock.now(),
    learn: (sample) => sample && clock.learn(sample),
    data: () => data,
    setPreferences(patch) {
      if (data) (data = { ...data, preferences: { ...data.preferences, ...patch } }), remember(), render();
    },
    lang: () => locale().lang,
    ui,
    store: {},
    render,
    sync: () => void sync(),
    emit: (name, payload) => emitter.emit(name, payload),
    addStyles(css) {
      if (!styles.includes(css)) styles.push(css), mount?.addStyles(css);
    },
  };

  /** Takes a new token; another user's starts the widget over for them. */
  function adopt(userToken: string, resync: boolean): void {
    const sameUser = lastKnownKey(publishableKey, userToken) === storageKey && token !== "";
    // Another user: what was tracked goes out as the previous one, then nothing of theirs may linger.
    if (!sameUser) endFeatures(), drainTracks();
    token = userToken;
    if (!sameUser) {
      generation++;
      forgetLastKnown(storageKey);
      storageKey = lastKnownKey(publishableKey, userToken);
      Object.assign(ui, { softClosedUntil: null, readOnlyAcknowledged: false, panel: null, starting: false, checklist: false });
      data = null;
      live = false;
      staleFrom = null;
      reported = "";
      fedFeatures = "";
      fedToken = "";
      emitter.reset();
      ready = false;
      if (mount) renderTree(null, mount.container);
    }
    halted = false;
    armRefresh();
    if (resync) void sync();
  }

  void sync();
  armRefresh();
  if (locale().lang === "zh-CN") loadChinese();

  return {
    identify(userToken) {
      if (typeof userToken == "function") {
        source = userToken;
        token = "";
        void sync();
      } else adopt(userToken, true);
    },
    open(panel) {
      if (panel === "renew" && data && stateAt(timelineOf(data), clock.now()) === "locked") {
        ui.softClosedUntil = null;
        ui.readOnlyAcknowledged = false;
      } else if (panel === "renew" || panel === "seats") ui.panel = panel;
      else if (panel === "checklist") ui.checklist = true;
      render();
    },
    now: () => clock.now(),
    destroy() {
      destroyed = true;
      cancelWake();
      clearInterval(periodic);
      clearTimeout(refreshTimer);
      unlisten();
      unChunk();
      endFeatures();
      forgetLastKnown(storageKey);
      if (mount) renderTree(null, mount.container), mount.destroy();
    },
  };
}
