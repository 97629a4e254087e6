import { useEffect, useState } from "preact/hooks";
import { api } from "../api.ts";
import { formatInstant, viewerZone } from "../format.ts";
import { useMe } from "../session.ts";
import { TableHead } from "../components/table-head.tsx";

const ROLES = ["viewer", "csm", "finance", "owner"];

/** Staff and their roles, sign-in links, and the audit log (owners only). */
export function StaffPage() {
  const me = useMe();
  const [staff, setStaff] = useState<any[] | null>(null);
  const [audit, setAudit] = useState<any[]>([]);
  const [link, setLink] = useState("");
  const [error, setError] = useState("");
  const load = (): void => {
    api<{ data: any[] }>("GET", "/staff").then(
      (r) => setStaff(r.data),
      (e: Error) => setError(e.message),
    );
    api<{ data: any[] }>("GET", "/audit").then(
      (r) => setAudit(r.data),
      () => undefined,
    );
  };
  useEffect(load, []);
  const act = async (run: () => Promise<any>): Promise<void> => {
    setError("");
    try {
      const result = await run();
      if (result?.signInUrl) setLink(`${result.email}: ${result.signInUrl}`);
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  if (!staff)
    return error ? (
      <p role="alert" class="error">
        {error}
      </p>
    ) : (
      <p class="loading">Loading…</p>
    );
  return (
    <section>
      <h1>Staff</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.target as HTMLFormElement);
          void act(() => api("POST", "/staff", { email: form.get("email"), role: form.get("role") }));
        }}
      >
        <label>
          Email <input name="email" type="email" required />
        </label>
        <label>
          Role{" "}
          <select name="role">
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <button type="submit">Add and get a sign-in link</button>
      </form>
      {link && (
        <p role="status" class="link-out">
          One-time sign-in link (15 minutes): <code>{link}</code>
        </p>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <div class="table-wrap" tabIndex={0}>
        <table>
          <TableHead columns={["Email", "Role", "Password", "Actions"]} />
          <tbody>
            {staff.map((s) => (
              <tr key={s.id}>
                <td>{s.email}</td>
                <td>
                  {s.id === me.id || s.disabledAt ? (
                    s.role
                  ) : (
                    <select
                      aria-label={`Role of ${s.email}`}
                      value={s.role}
                      onChange={(e) => void act(() => api("PATCH", `/staff/${s.id}`, { role: (e.target as HTMLSelectElement).value }))}
                    >
                      {ROLES.map((r) => (
                        <option key={r}>{r}</option>
                      ))}
                    </select>
                  )}
                </td>
                <td>{s.hasPassword ? "set" : "—"}</td>
                <td>
                  {s.disabledAt ? (
                    "removed"
                  ) : (
                    <>
                      <button type="button" class="small" onClick={() => void act(() => api("POST", `/staff/${s.id}/link`, {}))}>
                        New link
                      </button>{" "}
                      {s.id !== me.id && (
                        <button type="button" class="small secondary" onClick={() => void act(() => api("DELETE", `/staff/${s.id}`))}>
                          Remove
                        </button>
                      )}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Audit log</h2>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <TableHead columns={["When", "Who", "What", "On", "Before → after"]} />
          <tbody>
            {audit.map((a) => (
              <tr key={a.id}>
                <td>{formatInstant(a.at, viewerZone)}</td>
                <td>{a.actor}</td>
                <td>{a.action}</td>
                <td>{a.target}</td>
                <td class="json">
                  {a.before ? JSON.stringify(a.before) : "—"} → {a.after ? JSON.stringify(a.after) : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
