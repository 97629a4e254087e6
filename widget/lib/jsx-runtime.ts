/** The automatic JSX runtime for the widget bundle, on the widget's own renderer (dom.ts). */
import { Fragment } from "./dom.ts";
import type { VNode } from "./dom.ts";

export function jsx(type: VNode["type"], props: VNode["props"], key?: unknown): VNode {
  return { type, props, key };
}

export { Fragment, jsx as jsxs };
