/** Events to the host page. A throwing host handler is reported, never rethrown into our code path. */

export type HostEventName = "ready" | "state" | "renewal" | "error" | "features" | "entitlement";
type Handler = (payload: unknown) => void;

export interface Emitter {
  on(name: string, fn: unknown): void;
  off(name: string, fn?: unknown): void;
  emit(name: HostEventName, payload: unknown): void;
  /** Forget the sticky `ready` and `state`, e.g. after logout; handlers stay registered. */
  reset(): void;
}

// `ready`, `state`, `features` and `entitlement` are sticky: a handler added later still learns the current value.
const STICKY = new Set<string>(["ready", "state", "features", "entitlement"]);

export function createEmitter(): Emitter {
  const handlers = new Map<string, Set<Handler>>();
  const last = new Map<string, unknown>();

  function call(fn: Handler, payload: unknown): void {
    try {
      fn(payload);
    } catch (error) {
      console.error("[Tenure] an event handler threw", error);
    }
  }

  return {
    on(name, fn) {
      if (typeof fn !== "function") return;
      const set = handlers.get(name) ?? new Set<Handler>();
      set.add(fn as Handler);
      handlers.set(name, set);
      if (last.has(name)) call(fn as Handler, last.get(name));
    },
    off(name, fn) {
      if (fn === undefined) handlers.delete(name);
      else handlers.get(name)?.delete(fn as Handler);
    },
    emit(name, payload) {
      if (STICKY.has(name)) last.set(name, payload);
      for (const fn of [...(handlers.get(name) ?? [])]) call(fn, payload);
    },
    reset() {
      last.clear();
    },
  };
}
