import { overview } from "./commands.ts";

/** The help shown after a usage error: the command's own once it is known, else the overview. */
let usage = overview();

export function setUsage(text: string): void {
  usage = text;
}

/** A usage error: the reason, then the help, on stderr; exit status 2. */
export function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}
