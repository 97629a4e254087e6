import { useEffect, useState } from "preact/hooks";
import { api } from "../api.ts";
import { formatInstant, viewerZone } from "../format.ts";
import { href } from "../router.ts";

interface Failing {
  id: string;
  url: string;
  consecutiveFailures: number;
  failingSince: string | null;
}

/**
 * Tells staff on every page when a webhook endpoint keeps failing (the alert threshold in
 * settings), so the vendor's systems are not silently missing events. Read again on each
 * navigation.
 */
export function FailingBanner(props: { page: string }) {
  const [failing, setFailing] = useState<Failing[]>([]);
  useEffect(() => {
    api<{ endpoints: Failing[] }>("GET", "/webhooks/failing").then(
      (answer) => setFailing(answer.endpoints),
      () => setFailing([]),
    );
  }, [props.page]);
  if (failing.length === 0) return null;
  return (
    <div class="failing-banner" role="alert">
      <strong>{failing.length === 1 ? "A webhook endpoint is failing." : `${failing.length} webhook endpoints are failing.`}</strong>
      <ul>
        {failing.map((e) => (
          <li key={e.id}>
            <code>{e.url}</code>: {e.consecutiveFailures} failed deliveries in a row
            {e.failingSince ? ` since ${formatInstant(e.failingSince, viewerZone)}` : ""}.
          </li>
        ))}
      </ul>
      <a href={href("webhooks")}>See the failed deliveries and replay them</a>
    </div>
  );
}
