import { useState } from "preact/hooks";

/** Signed out: a sign-in link from an owner (or the CLI) is the usual way in; a password works once set. */
export function SignIn() {
  const [error, setError] = useState("");
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const res = await fetch("/console/password-sign-in", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ tenantId: form.get("tenantId"), email: form.get("email"), password: form.get("password") }),
    });
    if (res.ok) location.reload();
    else setError(((await res.json()) as { error: { message: string } }).error.message);
  };
  return (
    <main class="sign-in" id="main">
      <h1>Tenure console</h1>
      <p>Open the sign-in link an owner gave you (links work once, for 15 minutes), or sign in with your password.</p>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          Workspace id <input name="tenantId" required placeholder="ten_…" autocomplete="organization" />
        </label>
        <label>
          Email <input name="email" type="email" required autocomplete="username" />
        </label>
        <label>
          Password <input name="password" type="password" required autocomplete="current-password" />
        </label>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
