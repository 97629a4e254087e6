import type { Db } from "../../db/client.ts";
import { onChange } from "../tenants/tenant-version.ts";
import { changeStream } from "./push-stream.ts";
import type { StreamHandle } from "./push-stream.ts";

/** Who a push stream is for. Changes are told per tenant; each widget revalidates cheaply (ETag). */
export interface PushTarget {
  tenantId: string;
  accountId: string;
  /** When the stream must end: the user token's `exp`, epoch ms. */
  until: number;
  now: number;
}

/** Holds the widgets' push streams. Node: this process (`createLocalHub`); Workers: a Durable Object per tenant. */
export interface PushHub {
  open(target: PushTarget): Promise<ReadableStream<Uint8Array>>;
  /** Ends every stream (server shutdown, so it does not wait for them). */
  close(): void;
}

/**
 * The in-process hub: every write made through this process reaches the streams of its
 * tenant at once (tenant-version.ts `onChange`), with no timer per client.
 */
export function createLocalHub(db: Db): PushHub {
  const byTenant = new Map<string, Set<StreamHandle>>();
  const stop = onChange(db, ({ tenantId }) => {
    const targets = tenantId === null ? [...byTenant.values()] : [byTenant.get(tenantId) ?? new Set<StreamHandle>()];
    for (const set of targets) for (const handle of set) handle.change();
  });
  return {
    async open(target) {
      return changeStream({
        until: target.until,
        now: target.now,
        attach(handle) {
          let set = byTenant.get(target.tenantId);
          if (!set) byTenant.set(target.tenantId, (set = new Set()));
          set.add(handle);
          return () => {
            set.delete(handle);
            if (set.size === 0 && byTenant.get(target.tenantId) === set) byTenant.delete(target.tenantId);
          };
        },
      });
    },
    close() {
      stop();
      for (const set of [...byTenant.values()]) for (const handle of [...set]) handle.end();
    },
  };
}
