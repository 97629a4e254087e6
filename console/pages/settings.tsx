import { useEffect, useState } from "preact/hooks";
import { api } from "../api.ts";

/** Branding, renewal provider and reminder defaults (owners only; the server refuses others). */
export function SettingsPage() {
  const [settings, setSettings] = useState<any>(null);
  const [message, setMessage] = useState("");
  const [error, setError] = useState("");
  useEffect(() => {
    api<any>("GET", "/settings").then(setSettings, (e: Error) => setError(e.message));
  }, []);
  if (!settings)
    return error ? (
      <p role="alert" class="error">
        {error}
      </p>
    ) : (
      <p class="loading">Loading…</p>
    );
  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    setError("");
    setMessage("");
    const form = new FormData(event.target as HTMLFormElement);
    const patch = {
      productName: String(form.get("productName")),
      accentColor: String(form.get("accentColor")),
      supportEmail: String(form.get("supportEmail")) || null,
      renewalProvider: String(form.get("renewalProvider")) || null,
      renewalUrl: String(form.get("renewalUrl")) || null,
      invoiceDueDays: Number(form.get("invoiceDueDays")),
      reminderWindowDays: Number(form.get("reminderWindowDays")),
      defaultGraceHours: Number(form.get("defaultGraceHours")),
      defaultLockMode: String(form.get("defaultLockMode")),
    };
    try {
      setSettings(await api("PATCH", "/settings", patch));
      setMessage("Saved. Open widgets pick the change up within seconds.");
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section>
      <h1>Settings</h1>
      <form class="settings" onSubmit={(e) => void save(e)}>
        <fieldset>
          <legend>Branding</legend>
          <label>
            Product name <input name="productName" value={settings.productName} required maxLength={100} />
          </label>
          <label>
            Accent colour <input name="accentColor" type="color" value={settings.accentColor} />
          </label>
          <label>
            Support email <input name="supportEmail" type="email" value={settings.supportEmail ?? ""} />
          </label>
        </fieldset>
        <fieldset>
          <legend>Renewal provider</legend>
          <label>
            Provider{" "}
            <select name="renewalProvider" value={settings.renewalProvider ?? ""}>
              <option value="">automatic (url when set, else invoice)</option>
              <option value="url">url — your billing page</option>
              <option value="invoice">invoice — bank transfer, finance confirms</option>
              <option value="stripe" disabled={!settings.stripeSecretKey}>
                stripe (set keys through the API)
              </option>
            </select>
          </label>
          <label>
            Renewal URL <input name="renewalUrl" type="url" value={settings.renewalUrl ?? ""} placeholder="https://billing.example.com/renew/{accountId}" />
          </label>
          <label>
            Invoice due (days) <input name="invoiceDueDays" type="number" min={1} max={365} value={settings.invoiceDueDays} />
          </label>
        </fieldset>
        <fieldset>
          <legend>Reminder defaults</legend>
          <label>
            Reminder window (days before access ends) <input name="reminderWindowDays" type="number" min={0} max={366} value={settings.reminderWindowDays} />
          </label>
          <label>
            Grace (hours) <input name="defaultGraceHours" type="number" min={0} max={8784} value={settings.defaultGraceHours} />
          </label>
          <label>
            Lock mode{" "}
            <select name="defaultLockMode" value={settings.defaultLockMode}>
              <option value="soft">soft</option>
              <option value="read_only">read-only</option>
              <option value="hard">hard</option>
            </select>
          </label>
        </fieldset>
        {message && <p role="status">{message}</p>}
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <button type="submit">Save settings</button>
      </form>
    </section>
  );
}
