/**
 * On-demand part: the panels opened on request (one file, one request): the renewal panel
 * with this term's value recap, the admins' plan & seats, and the "don't renew" reason form.
 */
export { DeclineDialog } from "./decline/decline-dialog.tsx";
export { RenewDialog } from "./renew-dialog/renew-dialog.tsx";
export { SeatsPanel } from "./seats/seats-panel.tsx";
export { NoSeatNotice } from "./seats/no-seat-notice.tsx";
