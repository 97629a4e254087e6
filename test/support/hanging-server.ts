import { createServer } from "node:http";

/** An endpoint on 127.0.0.1 that takes requests and never answers them. */
export interface HangingServer {
  url: string;
  /** Requests received so far. */
  received: number;
  /** Most requests held open at once. */
  maxOpen: number;
  close(): Promise<void>;
}

export async function startHangingServer(): Promise<HangingServer> {
  let open = 0;
  const hanging: HangingServer = { url: "", received: 0, maxOpen: 0, close: async () => undefined };
  const server = createServer((request) => {
    hanging.received++;
    open++;
    hanging.maxOpen = Math.max(hanging.maxOpen, open);
    request.resume();
    request.socket.once("close", () => open--);
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const address = server.address();
  hanging.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hooks/hang`;
  hanging.close = () =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return hanging;
}
