/**
 * Fences off an on-demand part: if it fails to render, it shows its fallback (or nothing) and
 * the rest of the widget (the banner, the lock modal) renders on. Fail open, part by part.
 * The renderer (lib/dom.ts) does the catching.
 */
export { Guard } from "../lib/dom.ts";
