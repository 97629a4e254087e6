export { tenants } from "./tenants.ts";
export { apiKeys } from "./api-keys.ts";
export { accounts } from "./accounts.ts";
export { contractTerms } from "./contract-terms.ts";
export { grants } from "./grants.ts";
export { endUsers } from "./end-users.ts";
export { seatAssignments } from "./seat-assignments.ts";
export { webhookMessages } from "./webhook-messages.ts";
