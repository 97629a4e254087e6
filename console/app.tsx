import { useEffect, useState } from "preact/hooks";
import { ApiError, api, setCsrfToken } from "./api.ts";
import { AccountPage } from "./pages/account.tsx";
import { AccountsPage } from "./pages/accounts.tsx";
import { MetricsPage } from "./pages/metrics.tsx";
import { PasswordPage } from "./pages/password.tsx";
import { RenewalsPage } from "./pages/renewals.tsx";
import { SettingsPage } from "./pages/settings.tsx";
import { SignIn } from "./pages/sign-in.tsx";
import { StaffPage } from "./pages/staff.tsx";
import { WebhooksPage } from "./pages/webhooks.tsx";
import { FailingBanner } from "./components/failing-banner.tsx";
import { href, useRoute } from "./router.ts";
import { MeContext } from "./session.ts";
import type { Me } from "./session.ts";

const PAGES: Array<{ id: string; label: string; permission?: string }> = [
  { id: "accounts", label: "Accounts" },
  { id: "renewals", label: "Renewals" },
  { id: "metrics", label: "Metrics" },
  { id: "webhooks", label: "Webhooks" },
  { id: "settings", label: "Settings", permission: "settings" },
  { id: "staff", label: "Staff", permission: "staff" },
];

export function App() {
  const [me, setMe] = useState<Me | null | "signed-out">(null);
  const route = useRoute();
  useEffect(() => {
    api<Me>("GET", "/me")
      .then((who) => {
        setCsrfToken(who.csrfToken);
        setMe(who);
      })
      .catch((error: unknown) => setMe(error instanceof ApiError && error.status === 401 ? "signed-out" : "signed-out"));
  }, []);
  if (me === null) return <p class="loading">Loading…</p>;
  if (me === "signed-out") return <SignIn />;
  const [page = "accounts", id] = route;
  const visible = PAGES.filter((p) => !p.permission || me.permissions.includes(p.permission));
  const signOut = async (everywhere: boolean): Promise<void> => {
    await api("POST", everywhere ? "/sign-out-everywhere" : "/sign-out", {});
    location.reload();
  };
  return (
    <MeContext.Provider value={me}>
      <header class="top">
        <a class="brand" href={href("accounts")}>
          Tenure <span>{me.tenant.name}</span>
        </a>
        <nav aria-label="Console">
          {visible.map((p) => (
            <a key={p.id} href={href(p.id)} aria-current={page === p.id ? "page" : undefined}>
              {p.label}
            </a>
          ))}
        </nav>
        <div class="who">
          <span>
            {me.email} · {me.role}
          </span>
          <a href={href("password")}>Password</a>
          <button type="button" class="link" onClick={() => void signOut(false)}>
            Sign out
          </button>
          <button type="button" class="link" onClick={() => void signOut(true)}>
            Sign out everywhere
          </button>
        </div>
      </header>
      <FailingBanner page={route.join("/")} />
      <main id="main">
        {page === "accounts" && !id && <AccountsPage />}
        {page === "accounts" && id && <AccountPage id={id} />}
        {page === "renewals" && <RenewalsPage />}
        {page === "metrics" && <MetricsPage />}
        {page === "webhooks" && <WebhooksPage />}
        {page === "settings" && <SettingsPage />}
        {page === "staff" && <StaffPage />}
        {page === "password" && <PasswordPage />}
      </main>
    </MeContext.Provider>
  );
}
