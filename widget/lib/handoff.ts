/**
 * The contract between the tiny loader (`widget.js`) and the app bundle (`app.js`).
 * The loader owns the queue and the first bootstrap request until the app arrives; the
 * app then takes over by setting `run`. Types only, so the loader stays tiny.
 */

/** A bootstrap response with the monotonic times it was sent and received (for the clock offset). */
export interface TimedResponse {
  res: Response;
  t0: number;
  t1: number;
}

/** The bootstrap request the loader started on `init`, keyed so the app can tell it is for the same user. */
export interface Prefetch {
  key: string;
  p: Promise<TimedResponse | null>;
}

export interface Handoff {
  /** Where Tenure lives, taken from the loader's own `src` (no trailing slash). */
  base: string;
  /** Commands (`arguments` objects) waiting for the app. */
  q: ArrayLike<unknown>[];
  pre?: Prefetch;
  /** Set by the app once loaded; the loader then forwards every call to it. */
  run?: (args: ArrayLike<unknown>) => void;
}

/** The window property the loader and the app share. */
export const HANDOFF_KEY = "__tenure";

/** Identifies a bootstrap request: the same key and token may reuse a prefetched response. */
export function prefetchKey(publishableKey: string, userToken: string): string {
  return publishableKey + " " + userToken;
}

export const BOOTSTRAP_PATH = "/v1/widget/bootstrap";
