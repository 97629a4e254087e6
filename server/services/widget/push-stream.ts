/**
 * The body of one widget's push stream (`POST /v1/widget/stream`): a line `ready` once
 * connected, `change` whenever something the widget shows may have changed (the widget then
 * revalidates its bootstrap with the ETag), and a bare `:` every 25 s so proxies keep the
 * connection. It ends when the user token expires (at most after 15 min), so the widget
 * reconnects with a current token. Used by the Node hub and the Workers Durable Object.
 */
export const PING_MS = 25_000;
export const MAX_STREAM_MS = 15 * 60_000;
/** Writes this close together make one `change`. */
const COALESCE_MS = 25;

export interface StreamHandle {
  /** Tells this widget that something changed. */
  change(): void;
  /** Ends the stream (server shutdown). */
  end(): void;
}

const encoder = new TextEncoder();

export function changeStream(input: {
  /** Epoch ms at which the stream ends (the token's `exp`). */
  until: number;
  now: number;
  /** Registers the handle; returns the way to unregister it. */
  attach(handle: StreamHandle): () => void;
}): ReadableStream<Uint8Array> {
  let detach = (): void => {};
  let ping: ReturnType<typeof setInterval> | undefined;
  let expiry: ReturnType<typeof setTimeout> | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  function cleanup(): void {
    closed = true;
    detach();
    clearInterval(ping);
    clearTimeout(expiry);
    clearTimeout(pending);
  }
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (line: string): void => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(line + "\n"));
        } catch {
          cleanup();
        }
      };
      const end = (): void => {
        if (closed) return;
        cleanup();
        try {
          controller.close();
        } catch {
          // Already closed by the reader going away.
        }
      };
      const handle: StreamHandle = {
        change() {
          if (closed || pending !== undefined) return;
          pending = setTimeout(() => ((pending = undefined), send("change")), COALESCE_MS);
        },
        end,
      };
      detach = input.attach(handle);
      ping = setInterval(() => send(":"), PING_MS);
      expiry = setTimeout(end, Math.max(0, Math.min(input.until - input.now, MAX_STREAM_MS)));
      send("ready");
    },
    cancel() {
      cleanup();
    },
  });
}
