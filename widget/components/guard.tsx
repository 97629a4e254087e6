import { Component } from "preact";
import type { ComponentChildren } from "preact";

/**
 * Fences off an on-demand part: if it fails to render, it shows its fallback (or nothing) and
 * the rest of the widget (the banner, the lock modal) renders on. Fail open, part by part.
 */
export class Guard extends Component<{ children: ComponentChildren; fallback?: ComponentChildren }, { failed?: boolean }> {
  override componentDidCatch(error: unknown): void {
    console.error("[Tenure]", error);
    this.setState({ failed: true });
  }

  override render(): ComponentChildren {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
