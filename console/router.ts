import { useEffect, useState } from "preact/hooks";

/** Hash routes (`#/accounts/acme-cn`): one HTML page, no server routes per page. */
export function useRoute(): string[] {
  const read = (): string[] => (location.hash.replace(/^#\/?/, "") || "accounts").split("/").map(decodeURIComponent);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = (): void => setRoute(read());
    addEventListener("hashchange", onChange);
    return () => removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

export function href(...parts: string[]): string {
  return `#/${parts.map(encodeURIComponent).join("/")}`;
}
