import { createServer } from "node:http";
import type { IncomingHttpHeaders } from "node:http";

/** What a vendor's endpoint received. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/**
 * A vendor's webhook endpoint on 127.0.0.1: records every request and answers with the
 * status `respond` picks for the n-th request (0-based), 200 by default.
 */
export interface WebhookReceiver {
  url: string;
  received: Received[];
  respond: (n: number) => number;
  close(): Promise<void>;
}

export async function startWebhookReceiver(respond: (n: number) => number = () => 200, host = "127.0.0.1"): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = { url: "", received: [], respond, close: async () => undefined };
  const server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      const status = receiver.respond(receiver.received.length);
      receiver.received.push({ headers: request.headers, body, status });
      response.writeHead(status, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((ready) => server.listen(0, host, ready));
  const address = server.address();
  receiver.url = `http://${host}:${typeof address === "object" && address ? address.port : 0}/hooks/tenure`;
  receiver.close = () => new Promise<void>((done) => server.close(() => done()));
  return receiver;
}
