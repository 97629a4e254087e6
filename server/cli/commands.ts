/**
 * The CLI's commands, their options and their help, in one table: `--help` on any command
 * prints its entry, and its options are the only ones it accepts.
 */
import type { ParseArgsConfig } from "node:util";

export interface CommandSpec {
  /** `tenant create`, `rotate-encryption-key`… */
  name: string;
  summary: string;
  usage: string;
  /** One line per option: `--flag VALUE   what it does`. */
  details: string[];
  options: NonNullable<ParseArgsConfig["options"]>;
}

const tenantOption = { tenant: { type: "string" } } as const;

export const COMMANDS: CommandSpec[] = [
  {
    name: "tenant create",
    summary: "create a vendor tenant; prints its keys and identity secret once",
    usage: "tenant create --name NAME [--origin URL]...",
    details: [
      "--name NAME      the vendor's product name (1–200 characters)",
      "--origin URL     a page origin the widget may load on (repeatable); none: any origin",
    ],
    options: { name: { type: "string" }, origin: { type: "string", multiple: true } },
  },
  {
    name: "tenant list",
    summary: "list tenants with their key hints",
    usage: "tenant list",
    details: [],
    options: {},
  },
  {
    name: "tenant update",
    summary: "rename a tenant or replace the page origins its widget may load on",
    usage: "tenant update --tenant ten_... [--origin URL]... [--any-origin] [--name NAME]",
    details: [
      "--origin URL     the new allowed set (repeatable; replaces the whole set)",
      "--any-origin     clear the set: any page origin may load the widget",
      "--name NAME      a new name",
    ],
    options: { ...tenantOption, origin: { type: "string", multiple: true }, "any-origin": { type: "boolean" }, name: { type: "string" } },
  },
  {
    name: "tenant rotate-key",
    summary: "issue a new key or secret of one kind",
    usage: "tenant rotate-key --tenant ten_... --kind secret|publishable|signing|identity [--overlap-hours H]",
    details: [
      "--kind secret         a new secret key (sk_); the old one stops working at once",
      "--kind publishable    a new publishable key (pk_); the old one stops working at once",
      "--kind signing        a new entitlement-token signing key; the old one stays published until its tokens expire",
      "--kind identity       a new identity secret (tis_); user tokens signed with the old one are",
      "                      still accepted during the overlap, then refused",
      "--overlap-hours H     identity only: the overlap (default 24; 0 refuses old tokens at once)",
    ],
    options: { ...tenantOption, kind: { type: "string" }, "overlap-hours": { type: "string" } },
  },
  {
    name: "account simulate",
    summary: "set up a preview account in a given state and print a user token for it",
    usage:
      "account simulate --tenant ten_... --state active|expiring|grace|locked [--lock-mode soft|read_only|hard] [--account preview-...] [--role admin|member]",
    details: [
      "--state STATE       the state the widget shows for the account now",
      "--lock-mode MODE    for locked: soft (default), read_only or hard",
      "--account ID        the preview account (must start with preview-; default preview-STATE)",
      "--role ROLE         the user token's role (default admin)",
      "Only accounts whose id starts with preview- are touched: real customers' contracts never are.",
    ],
    options: { ...tenantOption, state: { type: "string" }, "lock-mode": { type: "string" }, account: { type: "string" }, role: { type: "string" } },
  },
  {
    name: "staff add",
    summary: "add a console user; prints a one-time sign-in link (15 min)",
    usage: "staff add --tenant ten_... --email E --role owner|finance|csm|viewer",
    details: ["--email E        the staff member's email", "--role ROLE      owner, finance, csm or viewer"],
    options: { ...tenantOption, email: { type: "string" }, role: { type: "string" } },
  },
  {
    name: "staff link",
    summary: "a new one-time sign-in link for a console user",
    usage: "staff link --tenant ten_... --email E",
    details: ["--email E        the staff member's email"],
    options: { ...tenantOption, email: { type: "string" } },
  },
  {
    name: "rotate-encryption-key",
    summary: "re-seal every stored secret under a new encryption key",
    usage: "rotate-encryption-key",
    details: ["With TENURE_ENCRYPTION_KEY: set it to <new>,<old> on every process first, run this, then drop <old>."],
    options: {},
  },
];

const PREFIX = "npm run tenure --";

/** Everything, or one group's commands (`tenant`), as the top-level help. */
export function overview(group?: string): string {
  const shown = COMMANDS.filter((command) => !group || command.name.startsWith(`${group} `));
  const width = Math.max(...shown.map((command) => command.name.length));
  return [
    `usage: ${PREFIX} <command> [options]      (DATABASE_URL names the database)`,
    "",
    ...shown.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    `${PREFIX} <command> --help  shows a command's options. Every command prints one JSON line.`,
  ].join("\n");
}

export function commandHelp(command: CommandSpec): string {
  return [
    `usage: ${PREFIX} ${command.usage}`,
    "",
    command.summary,
    ...(command.details.length > 0 ? ["", ...command.details.map((line) => `  ${line}`)] : []),
  ].join("\n");
}

/** Whether `word` names a group of commands (`tenant`, `staff`, `account`). */
export function isGroup(word: string): boolean {
  return COMMANDS.some((command) => command.name.startsWith(`${word} `));
}

/** The command named by the first one or two words, if any. */
export function findCommand(words: string[]): { command: CommandSpec; rest: string[] } | null {
  for (const command of COMMANDS) {
    const parts = command.name.split(" ");
    if (parts.every((part, index) => words[index] === part)) return { command, rest: words.slice(parts.length) };
  }
  return null;
}
