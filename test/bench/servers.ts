import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ReadyMessage } from "./serve.ts";

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(here, "../..");

export interface ServerProcess extends ReadyMessage {
  stop(): Promise<void>;
  /** The server process's CPU time so far, µs (user + system). */
  cpuMicros(): Promise<number>;
  /** Sends a command line (serve.ts) and answers its one-line JSON reply. */
  ask<T>(command: string, timeoutMs?: number): Promise<T>;
}

/**
 * Starts a bench target (`serve.ts bare|tenure`) in a child process under tsx, so the load
 * generator and the server each get their own event loop (and, on 2 cores, their own core).
 * `cpuProfDir` runs the child with `--cpu-prof` for a profile of the server side only.
 */
export async function startServerProcess(
  kind: "bare" | "tenure" | "scale" | "ingest",
  options: { cpuProfDir?: string; args?: string[]; readyTimeoutMs?: number } = {},
): Promise<ServerProcess> {
  const args = [
    "--import",
    "tsx",
    ...(options.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`] : []),
    join(here, "serve.ts"),
    kind,
    ...(options.args ?? []),
  ];
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin?.end();
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const lines = createInterface({ input: child.stdout! });
  const ready = new Promise<ReadyMessage>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`bench server ${kind} did not start within ${readyTimeoutMs / 1000} s`)), readyTimeoutMs);
    lines.once("line", (line) => {
      clearTimeout(timer);
      try {
        done(JSON.parse(line) as ReadyMessage);
      } catch {
        fail(new Error(`bench server ${kind} said: ${line}`));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`bench server ${kind} exited with ${code} before it was ready`));
    });
  });
  // One command at a time on stdin, answered by one JSON line on stdout (serve.ts).
  let asking: Promise<unknown> = Promise.resolve();
  const ask = <T>(command: string, timeoutMs = 10_000): Promise<T> => {
    const answer = asking.then(
      () =>
        new Promise<T>((done, fail) => {
          const timer = setTimeout(() => fail(new Error(`bench server ${kind} did not answer "${command}"`)), timeoutMs);
          lines.once("line", (line) => {
            clearTimeout(timer);
            done(JSON.parse(line) as T);
          });
          child.stdin?.write(`${command}\n`);
        }),
    );
    asking = answer.catch(() => undefined);
    return answer;
  };
  const cpuMicros = async (): Promise<number> => (await ask<{ cpuMicros: number }>("cpu")).cpuMicros;
  try {
    return { ...(await ready), stop, cpuMicros, ask };
  } catch (error) {
    await stop();
    throw error;
  }
}
