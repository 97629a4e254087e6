/** On-demand part: the reminder notice, personalised with this term's usage. */
export { Notice } from "./notice.tsx";
