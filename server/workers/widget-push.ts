import { changeStream } from "../services/widget/push-stream.ts";
import type { StreamHandle } from "../services/widget/push-stream.ts";
import type { PushHub } from "../services/widget/push-hub.ts";
import type { DurableObjectNamespace } from "./bindings.ts";

/**
 * One tenant's open widget streams on Workers: a Durable Object per tenant
 * (`idFromName(tenantId)`) holds them, so a write in any isolate reaches every widget of the
 * tenant wherever it connected. `POST /stream?until=…` answers the line stream
 * (push-stream.ts); `POST /change` tells every stream held here.
 */
export class WidgetPush {
  readonly #streams = new Set<StreamHandle>();

  constructor(_state: unknown, _env: unknown) {}

  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/change") {
      for (const handle of this.#streams) handle.change();
      return new Response(null, { status: 204 });
    }
    if (url.pathname === "/stream") {
      const until = Number(url.searchParams.get("until"));
      if (!Number.isFinite(until)) return new Response("bad until", { status: 400 });
      const body = changeStream({
        until,
        now: Date.now(),
        attach: (handle) => {
          this.#streams.add(handle);
          return () => void this.#streams.delete(handle);
        },
      });
      return new Response(body, { headers: { "Content-Type": "text/event-stream; charset=utf-8" } });
    }
    return new Response("not found", { status: 404 });
  }
}

const publishing = new Set<Promise<unknown>>();

/** Tells a tenant's object about a write made in this isolate; `published()` keeps it alive past the answer. */
export function publishChange(namespace: DurableObjectNamespace, tenantId: string): void {
  const sent = namespace
    .get(namespace.idFromName(tenantId))
    .fetch("https://widget-push/change", { method: "POST" })
    .catch((error: unknown) => console.error("[tenure] push: could not reach the tenant's object", error))
    .finally(() => publishing.delete(sent));
  publishing.add(sent);
}

/** Settles once every change told so far has reached its object (for `ctx.waitUntil`). */
export function published(): Promise<unknown> {
  return Promise.all([...publishing]);
}

/** The Workers hub: streams are opened in the tenant's object. */
export function createWorkersHub(namespace: DurableObjectNamespace): PushHub {
  return {
    async open(target) {
      const res = await namespace.get(namespace.idFromName(target.tenantId)).fetch(`https://widget-push/stream?until=${target.until}`, { method: "POST" });
      if (!res.ok || !res.body) throw new Error(`push object answered ${res.status}`);
      return res.body as ReadableStream<Uint8Array>;
    },
    close() {},
  };
}
