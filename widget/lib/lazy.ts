/**
 * The widget's on-demand parts. Each is a dynamic `import()`, built into its own file under
 * `/widget/chunks/` and fetched the first time it is needed, so the banner, countdowns and
 * lock modal stay within their size budget. A part that cannot load is simply not shown
 * (fail open) and may be tried again a little later.
 */
const LOADERS = {
  renewal: () => import("../features/renewal/index.ts"),
  panels: () => import("../features/panels.ts"),
  notice: () => import("../features/notice/index.ts"),
  engage: () => import("../features/engage.ts"),
  checklist: () => import("../features/checklist/index.ts"),
  prefs: () => import("../features/prefs.ts"),
  zh: () => import("./i18n-zh.ts"),
};

export type ChunkName = keyof typeof LOADERS;
type Loaded = { [K in ChunkName]: Awaited<ReturnType<(typeof LOADERS)[K]>> };

/** After a failed load, wait this long before trying again. */
const RETRY_MS = 30_000;

const loaded: Partial<Loaded> = {};
const loading = new Map<ChunkName, Promise<unknown>>();
const listeners = new Set<() => void>();

/** Loads a part (once); every listener hears when it arrives, to render it. */
export function loadChunk<K extends ChunkName>(name: K): Promise<Loaded[K]> {
  let promise = loading.get(name) as Promise<Loaded[K]> | undefined;
  if (!promise) {
    promise = (LOADERS[name]() as Promise<Loaded[K]>).then(
      (module) => {
        loaded[name] = module;
        for (const fn of [...listeners]) fn();
        return module;
      },
      (error: unknown) => {
        setTimeout(() => loading.delete(name), RETRY_MS);
        throw error;
      },
    );
    loading.set(name, promise);
  }
  return promise;
}

/** The part if it is here; otherwise starts loading it and answers null for now. */
export function chunk<K extends ChunkName>(name: K): Loaded[K] | null {
  const module = loaded[name];
  if (module) return module as Loaded[K];
  loadChunk(name).catch(() => {
    // Not shown; tried again on a later render.
  });
  return null;
}

/** Calls `fn` whenever a part arrives. Returns the way to stop. */
export function onChunk(fn: () => void): () => void {
  listeners.add(fn);
  return () => void listeners.delete(fn);
}
