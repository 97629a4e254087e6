/** On-demand part: one-click renewal and how a started renewal stands. */
export { RenewalStatus } from "./renewal-status.tsx";
export { startRenewal } from "./start.ts";
export { Renewed } from "./renewed.tsx";
