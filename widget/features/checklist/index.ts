/** On-demand part: the onboarding checklist's view, loaded once there is a checklist to show. */
export { Checklist } from "./checklist-panel.tsx";
