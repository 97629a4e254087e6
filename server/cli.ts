/**
 * `npm run tenure -- <command>`: tenant administration on the database named by
 * DATABASE_URL. Every command prints one JSON line; `--help` on any command says how to use
 * it (the table is in cli/commands.ts, what each does in cli/run.ts).
 */
import { parseArgs } from "node:util";
import { commandHelp, findCommand, isGroup, overview } from "./cli/commands.ts";
import type { CommandSpec } from "./cli/commands.ts";
import { fail, setUsage } from "./cli/usage.ts";

function parseOptions(command: CommandSpec, args: string[]): Record<string, string | string[] | boolean | undefined> {
  try {
    return parseArgs({ args, options: command.options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | string[] | boolean | undefined
    >;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

async function main(argv: string[]): Promise<void> {
  const wantsHelp = argv.includes("--help") || argv.includes("-h");
  const words = argv.filter((arg) => arg !== "--help" && arg !== "-h");
  if (words.length === 0 || words[0] === "help") {
    if (!wantsHelp && words.length === 0) fail("no command given");
    console.log(overview());
    return;
  }
  const found = findCommand(words);
  if (!found) {
    const group = words[0]!;
    if (isGroup(group) && (wantsHelp || words.length === 1)) {
      if (!wantsHelp) {
        setUsage(overview(group));
        fail(`${group} needs a command`);
      }
      console.log(overview(group));
      return;
    }
    fail(`unknown command ${words.slice(0, 2).join(" ")}`);
  }
  setUsage(commandHelp(found.command));
  if (wantsHelp) {
    console.log(commandHelp(found.command));
    return;
  }
  const values = parseOptions(found.command, found.rest);
  const { run } = await import("./cli/run.ts");
  console.log(JSON.stringify(await run(found.command, values)));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
