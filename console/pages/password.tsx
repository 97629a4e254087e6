import { useState } from "preact/hooks";
import { api } from "../api.ts";
import { useMe } from "../session.ts";

/** Any member may set a password (scrypt on the server) to sign in without a link. */
export function PasswordPage() {
  const me = useMe();
  const [message, setMessage] = useState("");
  const [error, setError] = useState("");
  return (
    <section>
      <h1>Your password</h1>
      <p>
        Workspace id for password sign-in: <code>{me.tenant.id}</code>. {me.hasPassword ? "A password is set." : "No password set yet."}
      </p>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.target as HTMLFormElement);
          setError("");
          api("POST", "/password", { password: form.get("password") }).then(
            () => setMessage("Password saved."),
            (err: Error) => setError(err.message),
          );
        }}
      >
        <label>
          New password (12 characters or more) <input name="password" type="password" minLength={12} required autocomplete="new-password" />
        </label>
        <button type="submit">Save password</button>
      </form>
      {message && <p role="status">{message}</p>}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}
