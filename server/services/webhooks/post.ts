/** One webhook POST as the delivery job asks for it. */
export interface WebhookRequest {
  url: URL;
  /** The address the target check approved, to connect to; null when none was resolved. */
  address: string | null;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}

/** Sends a webhook request and answers the response status. Redirects are never followed. */
export type WebhookPost = (request: WebhookRequest) => Promise<number>;

/**
 * The portable sender: `fetch`, which cannot choose the address it connects to (Workers).
 * Node uses `pinnedPost` (server/lib/pinned-post.ts) instead, which connects to `address`.
 */
export function fetchPost(fetcher: typeof fetch = (input, init) => fetch(input, init)): WebhookPost {
  return async (request) => {
    const response = await fetcher(request.url, { method: "POST", redirect: "manual", signal: request.signal, headers: request.headers, body: request.body });
    await response.body?.cancel().catch(() => undefined);
    return response.status;
  };
}
