/**
 * Runs `fn`; an error is logged, never thrown. For every way into the widget from the host
 * page — public calls, timers, page events — where an error would land in the host's lap.
 */
export function attempt(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    console.error("[Tenure]", error);
  }
}
