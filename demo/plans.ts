/**
 * The demo vendor's plan catalogue, defined through `PUT /v1/plans/{planId}` before any
 * contract names a plan (a contract may only name a defined plan).
 */
export const DEMO_PLANS: Record<string, { name: string; features: Record<string, unknown> }> = {
  Starter: {
    name: "Starter",
    features: {
      boards: { type: "limit", limit: 5 },
      exports: { type: "metered", limit: 20, event: "export", period: "month", overage: "block" },
    },
  },
  Team: {
    name: "Team",
    features: {
      boards: { type: "limit", limit: 50 },
      timeline: { type: "boolean" },
      exports: { type: "metered", limit: 200, event: "export", period: "month", overage: "block" },
    },
  },
  Business: {
    name: "Business",
    features: {
      boards: { type: "limit", limit: 500 },
      timeline: { type: "boolean" },
      sso: { type: "boolean" },
      exports: { type: "metered", limit: 2000, event: "export", period: "month", overage: "allow" },
    },
  },
  专业版: {
    name: "专业版 (Professional)",
    features: {
      boards: { type: "limit", limit: 100 },
      timeline: { type: "boolean" },
      exports: { type: "metered", limit: 500, event: "export", period: "month", overage: "block" },
    },
  },
  企业版: {
    name: "企业版 (Enterprise)",
    features: {
      boards: { type: "limit", limit: 1000 },
      timeline: { type: "boolean" },
      sso: { type: "boolean" },
      exports: { type: "metered", limit: 5000, event: "export", period: "month", overage: "allow" },
    },
  },
};
