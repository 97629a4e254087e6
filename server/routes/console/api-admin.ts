import { Hono } from "hono";
import { z } from "zod";
import { and, desc, eq, inArray } from "drizzle-orm";
import { webhookDeliveries, webhookMessages } from "../../db/schema/index.ts";
import { readJson, validate } from "../../lib/body.ts";
import { TenureError } from "../../../shared/errors.ts";
import { RETENTION_DEFINITIONS } from "../../../shared/reports/retention.ts";
import { permissionsOf } from "../../../shared/staff/roles.ts";
import { renewalsReportQuery, retentionReportQuery } from "../../../shared/schemas/reports.ts";
import { passwordBody, staffCreateBody, staffUpdateBody } from "../../../shared/schemas/console.ts";
import { renewalsBoard } from "../../services/reports/renewals-board.ts";
import { retentionReport } from "../../services/reports/retention-report.ts";
import { getSettings, settingsView, updateSettings } from "../../services/settings/update-settings.ts";
import { auditView, listAudit, writeAudit } from "../../services/staff/audit.ts";
import { confirmInvoice } from "../../services/staff/confirm-invoice.ts";
import { addStaff, findStaffById, listStaff, setPassword, staffView, updateStaff } from "../../services/staff/members.ts";
import { hashPassword } from "../../services/staff/password.ts";
import { endAllSessions, endSession } from "../../services/staff/sessions.ts";
import { mintSignInLink } from "../../services/staff/sign-in-links.ts";
import { endpointView, listEndpoints } from "../../services/webhooks/endpoints.ts";
import { replayDelivery } from "../../services/webhooks/replay.ts";
import { clearSessionCookie, requirePermission } from "./session.ts";
import type { ConsoleEnv } from "./session.ts";

/** `/console/api/…` beyond accounts: who am I, renewals, metrics, webhooks, settings, staff, audit. */
export const consoleAdminRoutes = new Hono<ConsoleEnv>();

function thisMonth(now: number, offset: number): string {
  const d = new Date(now);
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
  return `${m.getUTCFullYear()}-${String(m.getUTCMonth() + 1).padStart(2, "0")}`;
}

function baseUrl(c: { req: { url: string } }, configured: string | undefined): string {
  return configured ?? new URL(c.req.url).origin;
}

consoleAdminRoutes.get("/me", (c) => {
  const { staff, csrfToken, expiresAt } = c.get("session");
  return c.json({
    ...staffView(staff),
    tenant: { id: c.get("tenant").id, name: c.get("tenant").name },
    permissions: permissionsOf(staff.role),
    csrfToken,
    sessionEndsAt: new Date(expiresAt).toISOString(),
  });
});

consoleAdminRoutes.post("/sign-out", async (c) => {
  await endSession(c.get("deps").db, c.get("session").id);
  clearSessionCookie(c);
  return c.json({ signedOut: 1 });
});

consoleAdminRoutes.post("/sign-out-everywhere", async (c) => {
  const deps = c.get("deps");
  const ended = await endAllSessions(deps.db, c.get("session").staff.id);
  await writeAudit(
    deps.db,
    c.get("actor"),
    { action: "session.sign_out_everywhere", target: `staff:${c.get("actor").email}`, after: { sessionsEnded: ended } },
    deps.clock(),
  );
  clearSessionCookie(c);
  return c.json({ signedOut: ended });
});

consoleAdminRoutes.post("/password", async (c) => {
  const { password } = await readJson(c, passwordBody);
  const deps = c.get("deps");
  await setPassword(deps.db, { staffId: c.get("session").staff.id, passwordHash: await hashPassword(password), now: deps.clock() });
  await writeAudit(deps.db, c.get("actor"), { action: "staff.password", target: `staff:${c.get("actor").email}` }, deps.clock());
  return c.json({ hasPassword: true });
});

consoleAdminRoutes.get("/renewals", requirePermission("read"), async (c) => {
  const deps = c.get("deps");
  const now = deps.clock();
  const raw = c.req.query();
  const query = validate(renewalsReportQuery, { from: raw.from ?? thisMonth(now, -1), to: raw.to ?? thisMonth(now, 10) }, "query");
  return c.json(await renewalsBoard(deps.db, { tenantId: c.get("tenant").id, ...query, now }));
});

consoleAdminRoutes.post("/renewals/:renewalId/confirm", requirePermission("invoice.confirm"), async (c) => {
  const deps = c.get("deps");
  return c.json(await confirmInvoice(deps.db, { tenantId: c.get("tenant").id, renewalId: c.req.param("renewalId"), actor: c.get("actor"), now: deps.clock() }));
});

consoleAdminRoutes.get("/metrics", requirePermission("read"), async (c) => {
  const deps = c.get("deps");
  const now = deps.clock();
  const raw = c.req.query();
  const today = new Date(now).toISOString().slice(0, 10);
  const yearAgo = new Date(now - 365 * 86_400_000).toISOString().slice(0, 10);
  const query = validate(retentionReportQuery, { from: raw.from ?? yearAgo, to: raw.to ?? today }, "query");
  return c.json({ ...(await retentionReport(deps.db, { tenantId: c.get("tenant").id, ...query, now })), definitions: RETENTION_DEFINITIONS });
});

/** Endpoints failing now (the streak reached the tenant's alert threshold), for the console's banner. */
consoleAdminRoutes.get("/webhooks/failing", requirePermission("read"), async (c) => {
  const endpoints = await listEndpoints(c.get("deps").db, c.get("tenant").id);
  return c.json({
    endpoints: endpoints
      .filter((row) => row.failingAlertedAt != null && row.disabledAt == null)
      .map((row) => ({
        id: row.id,
        url: row.url,
        consecutiveFailures: row.consecutiveFailures,
        failingSince: row.failingSince == null ? null : new Date(row.failingSince).toISOString(),
      })),
  });
});

consoleAdminRoutes.get("/webhooks", requirePermission("read"), async (c) => {
  const db = c.get("deps").db;
  const tenantId = c.get("tenant").id;
  const endpoints = await listEndpoints(db, tenantId);
  const deliveries = await db
    .select({ delivery: webhookDeliveries, type: webhookMessages.type, payload: webhookMessages.payload })
    .from(webhookDeliveries)
    .innerJoin(webhookMessages, eq(webhookMessages.id, webhookDeliveries.messageId))
    .where(and(eq(webhookDeliveries.tenantId, tenantId), inArray(webhookDeliveries.endpointId, endpoints.length ? endpoints.map((e) => e.id) : [""])))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(100);
  const iso = (ms: number | null): string | null => (ms == null ? null : new Date(ms).toISOString());
  return c.json({
    endpoints: endpoints.map((e) => endpointView(e)),
    deliveries: deliveries.map(({ delivery: d, type, payload }) => ({
      id: d.id,
      endpointId: d.endpointId,
      eventType: type,
      accountId: (payload.data as { accountId?: string } | undefined)?.accountId ?? null,
      status: d.status,
      attempts: d.attempts,
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
      createdAt: iso(d.createdAt),
      nextAttemptAt: iso(d.nextAttemptAt),
    })),
  });
});

consoleAdminRoutes.post("/webhooks/deliveries/:deliveryId/replay", requirePermission("webhook.replay"), async (c) => {
  const deps = c.get("deps");
  const now = deps.clock();
  const result = await replayDelivery(deps.db, { tenantId: c.get("tenant").id, deliveryId: c.req.param("deliveryId"), now });
  await writeAudit(deps.db, c.get("actor"), { action: "webhook.replay", target: `delivery:${result.id}`, after: { status: "pending" } }, now);
  return c.json({ ...result, status: "pending" });
});

consoleAdminRoutes.get("/settings", requirePermission("settings"), async (c) => c.json(settingsView(await getSettings(c.get("deps").db, c.get("tenant").id))));

/** Console staff change branding, the renewal provider and reminder defaults; payment secrets stay with the API. */
const CONSOLE_SETTINGS = new Set([
  "productName",
  "accentColor",
  "supportEmail",
  "renewalProvider",
  "renewalUrl",
  "renewalRoles",
  "invoiceDueDays",
  "renewalExpiryHours",
  "reminderWindowDays",
  "defaultGraceHours",
  "defaultLockMode",
  "reminders",
]);

consoleAdminRoutes.patch("/settings", requirePermission("settings"), async (c) => {
  const deps = c.get("deps");
  const patch = await readJson(c, z.record(z.string(), z.unknown()));
  const refused = Object.keys(patch).filter((key) => !CONSOLE_SETTINGS.has(key));
  if (refused.length > 0) throw new TenureError("validation_failed", `not changed from the console: ${refused.join(", ")}`);
  const tenantId = c.get("tenant").id;
  const before = settingsView(await getSettings(deps.db, tenantId));
  const next = settingsView(
    await updateSettings(deps.db, { tenantId, patch, allowPrivateTargets: deps.allowPrivateWebhookTargets === true, now: deps.clock() }),
  );
  await writeAudit(
    deps.db,
    c.get("actor"),
    { action: "settings.update", target: `tenant:${tenantId}`, before: pick(before, Object.keys(patch)), after: pick(next, Object.keys(patch)) },
    deps.clock(),
  );
  return c.json(next);
});

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, source[key]]));
}

consoleAdminRoutes.get("/staff", requirePermission("staff"), async (c) =>
  c.json({ data: (await listStaff(c.get("deps").db, c.get("tenant").id)).map(staffView) }),
);

consoleAdminRoutes.post("/staff", requirePermission("staff"), async (c) => {
  const deps = c.get("deps");
  const body = await readJson(c, staffCreateBody);
  const now = deps.clock();
  const staff = await addStaff(deps.db, { tenantId: c.get("tenant").id, email: body.email, role: body.role, now });
  await writeAudit(deps.db, c.get("actor"), { action: "staff.add", target: `staff:${staff.email}`, after: { email: staff.email, role: staff.role } }, now);
  return c.json({ ...staffView(staff), ...(await mintSignInLink(deps.db, { staff, baseUrl: baseUrl(c, undefined), now })) }, 201);
});

consoleAdminRoutes.post("/staff/:staffId/link", requirePermission("staff"), async (c) => {
  const deps = c.get("deps");
  const staff = await findStaffById(deps.db, c.get("tenant").id, c.req.param("staffId"));
  if (staff.disabledAt != null) throw new TenureError("conflict", "the member was removed; add them again");
  const now = deps.clock();
  await writeAudit(deps.db, c.get("actor"), { action: "staff.link", target: `staff:${staff.email}` }, now);
  return c.json({ ...staffView(staff), ...(await mintSignInLink(deps.db, { staff, baseUrl: baseUrl(c, undefined), now })) });
});

consoleAdminRoutes.patch("/staff/:staffId", requirePermission("staff"), async (c) => {
  const deps = c.get("deps");
  const { role } = await readJson(c, staffUpdateBody);
  const staff = await findStaffById(deps.db, c.get("tenant").id, c.req.param("staffId"));
  if (staff.id === c.get("session").staff.id) throw new TenureError("conflict", "you cannot change your own role");
  const now = deps.clock();
  const updated = await updateStaff(deps.db, { staff, role, now });
  await writeAudit(deps.db, c.get("actor"), { action: "staff.role", target: `staff:${staff.email}`, before: { role: staff.role }, after: { role } }, now);
  return c.json(staffView(updated));
});

consoleAdminRoutes.delete("/staff/:staffId", requirePermission("staff"), async (c) => {
  const deps = c.get("deps");
  const staff = await findStaffById(deps.db, c.get("tenant").id, c.req.param("staffId"));
  if (staff.id === c.get("session").staff.id) throw new TenureError("conflict", "you cannot remove yourself");
  const now = deps.clock();
  const updated = await updateStaff(deps.db, { staff, disable: true, now });
  await writeAudit(deps.db, c.get("actor"), { action: "staff.remove", target: `staff:${staff.email}`, before: { role: staff.role } }, now);
  return c.json(staffView(updated));
});

consoleAdminRoutes.get("/audit", requirePermission("audit.read"), async (c) => {
  const rows = await listAudit(c.get("deps").db, { tenantId: c.get("tenant").id, limit: 200 });
  return c.json({ data: rows.map(auditView) });
});
