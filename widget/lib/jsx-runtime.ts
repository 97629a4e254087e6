/** The automatic JSX runtime for the widget bundle, on the widget's own renderer (dom.ts). */
export { Fragment, jsx, jsx as jsxs } from "./dom.ts";
