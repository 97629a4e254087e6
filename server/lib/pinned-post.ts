import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { isIP } from "node:net";
import type { WebhookPost } from "../services/webhooks/post.ts";

/**
 * Node's webhook sender: connects to the address the target check approved rather than
 * resolving the host name a second time, so a DNS answer that changes between the check and
 * the connection (rebinding) cannot turn a delivery inward. The URL's host still names the
 * request (Host header, TLS server name and certificate check). Redirects are not followed.
 */
export const pinnedPost: WebhookPost = (input) =>
  new Promise<number>((resolve, reject) => {
    const { url, address } = input;
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const lookup: LookupFunction | undefined = address
      ? (_hostname, options, callback) => {
          const family = isIP(address);
          if ((options as { all?: boolean }).all)
            (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address, family }]);
          else callback(null, address, family);
        }
      : undefined;
    const request = send(
      url,
      {
        method: "POST",
        headers: { ...input.headers, "content-length": String(Buffer.byteLength(input.body)) },
        signal: input.signal,
        // A fresh connection each time: a pooled socket could have been opened to another address.
        agent: false,
        ...(lookup ? { lookup } : {}),
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on("error", (error) => reject(input.signal.aborted ? (input.signal.reason ?? error) : error));
    request.end(input.body);
  });
