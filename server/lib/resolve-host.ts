/**
 * Outbound targets (webhook endpoints, a Stripe API override) must not reach loopback,
 * private, link-local or otherwise special addresses (SSRF). A host name is resolved and
 * every address it resolves to must be public.
 *
 * Resolution goes through `node:dns/promises`: on Node the system resolver (/etc/hosts
 * included); on Workers the `nodejs_compat` module, which workerd answers over DNS-over-HTTPS.
 * Where that module is missing or unimplemented, we ask cloudflare-dns.com over HTTPS
 * ourselves. A name that resolves to nothing, or a resolver that fails, is refused (fail
 * closed); IP literals need no resolver. The check runs at registration and again before each send.
 * On Node the send then connects to the checked address (server/lib/pinned-post.ts), so a DNS
 * answer that changes in between (rebinding) is not used; Workers' `fetch` cannot pin (see
 * the README). Redirects are never followed, so a public endpoint cannot bounce a delivery inward.
 */

/** Resolves a host name to its IPv4 and IPv6 addresses; an IP literal resolves to itself. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export async function resolveHost(hostname: string): Promise<string[]> {
  const host = stripBrackets(hostname);
  if (parseIpv4(host) || parseIpv6(host)) return [host];
  try {
    const dns = await import("node:dns/promises");
    const found = await dns.lookup(host, { all: true, verbatim: true });
    return found.map((entry) => entry.address);
  } catch (error) {
    if (isNotFound(error)) return [];
    return resolveOverHttps(host);
  }
}

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ENOTFOUND" || code === "ENODATA";
}

async function resolveOverHttps(host: string): Promise<string[]> {
  const answers = await Promise.all(
    (["A", "AAAA"] as const).map(async (type) => {
      const url = `https://cloudflare-dns.com/dns-query?name=${encodeURIComponent(host)}&type=${type}`;
      const response = await fetch(url, { headers: { accept: "application/dns-json" }, signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`DNS-over-HTTPS answered ${response.status}`);
      const body = (await response.json()) as { Answer?: Array<{ type: number; data: string }> };
      return (body.Answer ?? []).filter((answer) => answer.type === 1 || answer.type === 28).map((answer) => answer.data);
    }),
  );
  return answers.flat();
}

/**
 * Why a URL may not be called, or null when it may: http(s) only, no credentials, and (unless
 * `allowPrivate`) every resolved address public.
 */
export async function refuseTarget(url: URL, options: { allowPrivate: boolean; resolve?: ResolveHost }): Promise<string | null> {
  if (options.allowPrivate) return shapeRefusal(url);
  const checked = await checkTarget(url, options);
  return "refused" in checked ? checked.refused : null;
}

function shapeRefusal(url: URL): string | null {
  if (url.protocol !== "https:" && url.protocol !== "http:") return "only http and https URLs are allowed";
  if (url.username || url.password) return "URLs with credentials are not allowed";
  return null;
}

/**
 * `refuseTarget`, also answering the address that was checked, so a sender can connect to it
 * rather than resolve the name again. With `allowPrivate` any address passes, but a name
 * still resolves (and one that resolves to nothing is refused) so the send stays pinned.
 */
export async function checkTarget(
  url: URL,
  options: { allowPrivate: boolean; resolve?: ResolveHost },
): Promise<{ refused: string } | { address: string | null }> {
  const shape = shapeRefusal(url);
  if (shape) return { refused: shape };
  let addresses: string[];
  try {
    addresses = await (options.resolve ?? resolveHost)(url.hostname);
  } catch {
    return options.allowPrivate ? { address: null } : { refused: `${url.hostname} could not be resolved` };
  }
  if (addresses.length === 0) return options.allowPrivate ? { address: null } : { refused: `${url.hostname} does not resolve` };
  const inward = options.allowPrivate ? undefined : addresses.find((address) => !isPublicAddress(address));
  if (inward !== undefined) return { refused: `${url.hostname} resolves to ${inward}, a loopback, private or link-local address` };
  return { address: stripBrackets(addresses[0]!) };
}

/** Whether an IP address is publicly routable (not loopback, private, link-local, reserved…). */
export function isPublicAddress(address: string): boolean {
  const host = stripBrackets(address);
  const v4 = parseIpv4(host);
  if (v4) return isPublicIpv4(v4);
  const v6 = parseIpv6(host);
  if (!v6) return false;
  return isPublicIpv6(v6);
}

const BLOCKED_V4: ReadonlyArray<readonly [number, number, number, number, number]> = [
  [0, 0, 0, 0, 8],
  [10, 0, 0, 0, 8],
  [100, 64, 0, 0, 10],
  [127, 0, 0, 0, 8],
  [169, 254, 0, 0, 16],
  [172, 16, 0, 0, 12],
  [192, 0, 0, 0, 24],
  [192, 0, 2, 0, 24],
  [192, 88, 99, 0, 24],
  [192, 168, 0, 0, 16],
  [198, 18, 0, 0, 15],
  [198, 51, 100, 0, 24],
  [203, 0, 113, 0, 24],
  [224, 0, 0, 0, 4],
  [240, 0, 0, 0, 4],
];

function isPublicIpv4(octets: number[]): boolean {
  const value = toUint32(octets);
  return !BLOCKED_V4.some(([a, b, c, d, bits]) => {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return (value & mask) >>> 0 === (toUint32([a, b, c, d]) & mask) >>> 0;
  });
}

function isPublicIpv6(groups: number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const embedded = [g6 >> 8, g6 & 255, g7 >> 8, g7 & 255];
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0) {
    if (g5 === 0xffff || g5 === 0) return g5 === 0 && g6 === 0 ? false : isPublicIpv4(embedded); // mapped, compatible, ::, ::1
    return false;
  }
  if (g0 === 0x64 && g1 === 0xff9b) return g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0 && isPublicIpv4(embedded); // NAT64
  if (g0 === 0x2002) return isPublicIpv4([g1 >> 8, g1 & 255, g2 >> 8, g2 & 255]); // 6to4
  if (g0 === 0x2001 && g1 === 0x0db8) return false; // documentation
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return false; // discard
  if ((g0 & 0xfe00) === 0xfc00) return false; // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80 || (g0 & 0xffc0) === 0xfec0) return false; // link-local, site-local
  if ((g0 & 0xff00) === 0xff00) return false; // multicast
  return true;
}

function stripBrackets(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

function toUint32(octets: number[]): number {
  return ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
}

function parseIpv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return null;
  const octets = parts.map(Number);
  return octets.every((octet) => octet <= 255) ? octets : null;
}

/** Eight 16-bit groups, or null. Accepts `::` shortening, a trailing dotted IPv4 and a zone. */
function parseIpv6(text: string): number[] | null {
  let host = text.split("%")[0]!;
  if (!host.includes(":")) return null;
  const tail: number[] = [];
  const lastColon = host.lastIndexOf(":");
  const dotted = host.slice(lastColon + 1);
  if (dotted.includes(".")) {
    const v4 = parseIpv4(dotted);
    if (!v4) return null;
    tail.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    host = host.slice(0, lastColon + 1);
    if (!host.endsWith("::")) host = host.slice(0, -1);
  }
  const halves = host.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === "") return [];
    const groups = part.split(":");
    if (!groups.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return null;
    return groups.map((group) => Number.parseInt(group, 16));
  };
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !rest) return null;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 1) return known === 8 ? [...head, ...tail] : null;
  if (known > 7) return null;
  return [...head, ...Array<number>(8 - known).fill(0), ...rest, ...tail];
}
