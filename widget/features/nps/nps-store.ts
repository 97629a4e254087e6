import type { FeatureHost } from "../../lib/feature-host.ts";
import { postWidget } from "../api.ts";

/** What the session keeps about the question: its on-demand part once it is to be asked, and whether it is still open. */
export interface NpsState {
  ui: typeof import("./nps-question.tsx");
  open: boolean;
  /** The form as the user left it (kept here, not in component hooks, so the part stays tiny). */
  score: number | null;
  comment: string;
  phase: "asking" | "sending" | "failed" | "thanked";
  problem: boolean;
}

const DAY = 86_400_000;

/**
 * Asks the server whether to put the NPS question to this user, only inside the window the
 * bootstrap names (so pages outside it send nothing), and loads the question's part only
 * when the answer is yes. Returns the way to stop.
 */
export function startNps(host: FeatureHost): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  async function check(): Promise<void> {
    const window = host.data()?.nps;
    if (stopped || !window || host.store.nps) return;
    const now = host.now();
    if (now >= window.until) return;
    // Opens later today: look again then; further off, a later page load will.
    if (now < window.from) {
      if (window.from - now < DAY) timer = setTimeout(() => void check().catch(() => undefined), window.from - now + 1000);
      return;
    }
    const answer = await postWidget<{ ask: boolean }>(host, "/nps", {});
    if (stopped || answer.status !== 200 || !answer.body?.ask) return;
    const ui = await import("./nps-question.tsx");
    if (stopped) return;
    host.store.nps = { ui, open: true, score: null, comment: "", phase: "asking", problem: false } satisfies NpsState;
    host.render();
  }
  void check().catch(() => undefined); // fail open: no question
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
