/**
 * The widget's renderer: the part of Preact's API the widget uses (function components, JSX,
 * callback refs, an error boundary; `useState` in hooks.ts) in a fraction of its weight, so the banner,
 * countdowns and lock modal fit their budget. Each render expands the whole tree to plain
 * element descriptions first, then patches the DOM. Children are matched by their position
 * among their siblings (empty slots count, so a node appearing does not shift the others) or
 * by key, so an element keeps its DOM node — and its focus, open dialog or popover — across
 * renders. DOM properties follow Preact's rules (property when the element has one, else an
 * attribute; `aria-*`/`data-*` keep `false`), so components read the same under either.
 */
import type { ComponentChildren, JSX } from "preact";

type Props = Record<string, unknown> & { children?: unknown };
type Component = (props: Props) => unknown;
type Ref = (el: Element | null) => void;

export interface VNode {
  type: string | Component;
  props: Props;
  key: unknown;
}

/** An expanded element or text, with its slot among the siblings of its DOM parent. */
interface Out {
  s: string;
  tag?: string;
  text?: string;
  props?: Props;
  kids?: Out[];
}

export interface Instance {
  type: Component;
  hooks: Array<[unknown, (next: unknown) => void]>;
  failed?: boolean;
}

export interface Root {
  vnode: unknown;
  instances: Map<string, Instance>;
  pending?: boolean;
}

/** What a node remembers between renders: its slot, its props, its ref, its event handlers. */
type Managed = Node & { _s?: string; _p?: Props; _r?: Ref | null; _l?: Record<string, ((event: Event) => void) | undefined> };

function proxy(this: Managed, event: Event): void {
  this._l?.[event.type]?.(event);
}

const roots = new WeakMap<Element, Root>();
let root: Root;
let next: Map<string, Instance>;
let container: Element;
let current: Instance;
let hookIndex = 0;

/** A vnode: what JSX compiles to (the automatic runtime's `jsx`). */
export function jsx<P extends object>(type: string | ((props: P) => unknown), props: P, key?: unknown): VNode {
  return { type: type as Component, props: props as Props, key };
}

export function Fragment(props: { children?: ComponentChildren }): JSX.Element {
  return props.children as JSX.Element;
}

/**
 * Fences off a part: if it throws while rendering, its fallback (or nothing) shows instead,
 * from then on, and the rest renders on.
 */
export function Guard(props: { children?: ComponentChildren; fallback?: ComponentChildren }): JSX.Element {
  return props.children as JSX.Element;
}

/**
 * For hooks (hooks.ts, loaded with the parts that use them): the component being rendered,
 * the index of its next hook, and the root and container to render again.
 */
export function hookContext(): [Instance, number, Root, Element] {
  return [current, hookIndex++, root, container];
}

/** Renders `vnode` into `into` (null empties it). Throws only if a part outside a `Guard` does. */
export function render(vnode: unknown, into: Element): void {
  const owner = roots.get(into) ?? { vnode, instances: new Map() };
  owner.vnode = vnode;
  root = owner;
  container = into;
  next = new Map();
  const out: Out[] = [];
  expand(vnode, "", "", out);
  owner.instances = next;
  roots.set(into, owner);
  const refs: Array<[Ref, Element]> = [];
  patch(into, out, refs);
  for (const [ref, el] of refs) ref(el);
}

function expand(child: unknown, slot: string, path: string, out: Out[]): void {
  if (child == null || typeof child === "boolean") return;
  if (typeof child !== "object") return void out.push({ s: slot, text: String(child) });
  if (Array.isArray(child)) {
    child.forEach((item: unknown, i) => {
      const key = (item as VNode | null)?.key;
      expand(item, `${slot}.${key == null ? i : `k${key}`}`, path, out);
    });
    return;
  }
  const { type, props } = child as VNode;
  if (typeof type === "string") {
    const el: Out = { s: slot, tag: type, props, kids: [] };
    out.push(el);
    return expand(props.children, "", `${path}/${slot}${type}`, el.kids!);
  }
  const id = `${path}/${slot}`;
  let inst = root.instances.get(id);
  if (!inst || inst.type !== type) inst = { type, hooks: [] };
  next.set(id, inst);
  if ((type as unknown) === Guard) {
    const mark = out.length;
    if (!inst.failed) {
      try {
        return expand(props.children, slot, `${id}>`, out);
      } catch (error) {
        console.error("[Tenure]", error);
        inst.failed = true;
        out.length = mark;
      }
    }
    return expand(props.fallback, slot, `${id}>`, out);
  }
  const [outer, outerIndex] = [current, hookIndex];
  current = inst;
  hookIndex = 0;
  try {
    expand(type(props), slot, `${id}>`, out);
  } finally {
    current = outer;
    hookIndex = outerIndex;
  }
}

function patch(parent: Node, outs: Out[], refs: Array<[Ref, Element]>): void {
  const old = new Map<string, Managed>();
  (Array.from(parent.childNodes) as Managed[]).forEach((node, i) => old.set(node._s ?? `\0${i}`, node));
  const kept: Managed[] = [];
  for (const out of outs) {
    const found = old.get(out.s);
    const same = found && (out.tag ? (found as Element).localName === out.tag : found.nodeType === 3);
    if (found && same) old.delete(out.s);
    kept.push(same ? found : create(out));
  }
  for (const node of old.values()) unmount(node), parent.removeChild(node);
  kept.forEach((node, i) => {
    const out = outs[i]!;
    if (parent.childNodes[i] !== node) parent.insertBefore(node, parent.childNodes[i] ?? null);
    if (!out.tag) {
      if (node.nodeValue !== out.text) node.nodeValue = out.text!;
      return;
    }
    const el = node as Element & Managed;
    const props = out.props!;
    const before = el._p ?? {};
    for (const name in before) if (!(name in props)) setProp(el, name, null, before[name]);
    for (const name in props) if (name !== "value" && name !== "checked" && before[name] !== props[name]) setProp(el, name, props[name], before[name]);
    el._p = props;
    patch(el, out.kids!, refs);
    // Form state lives in the element: compare with what it holds now, as the user may have typed.
    for (const name of ["value", "checked"])
      if (name in props && (el as unknown as Record<string, unknown>)[name] !== props[name]) setProp(el, name, props[name], null);
    const ref = props.ref as Ref | undefined;
    if (ref !== el._r) {
      el._r?.(null);
      el._r = ref ?? null;
      if (ref) refs.push([ref, el]);
    }
  });
}

function create(out: Out): Managed {
  const node: Managed = out.tag ? document.createElement(out.tag) : document.createTextNode("");
  node._s = out.s;
  return node;
}

/** Refs hear `null` before their element leaves, as Preact does. */
function unmount(node: Managed): void {
  node._r?.(null);
  for (const child of Array.from(node.childNodes)) unmount(child);
}

/** Preact's rules: events as handlers, style objects, a property when the element has one, else an attribute. */
function setProp(el: Element, name: string, value: unknown, old: unknown): void {
  const dom = el as unknown as Record<string, unknown>;
  if (name === "children" || name === "key" || name === "ref") return;
  if (name === "style") {
    const style = (el as HTMLElement).style as unknown as Record<string, string>;
    for (const key in old as object) if (!value || !(key in (value as object))) style[key] = "";
    for (const key in value as object) style[key] = String((value as Record<string, unknown>)[key]);
    return;
  }
  if (name[0] === "o" && name[1] === "n") {
    // One listener per event type, calling the current handler (what it returns is ignored).
    const type = name.toLowerCase() in el ? name.slice(2).toLowerCase() : name.slice(2);
    const handlers = ((el as Managed)._l ??= {});
    if (value && !handlers[type]) el.addEventListener(type, proxy);
    else if (!value && handlers[type]) el.removeEventListener(type, proxy);
    handlers[type] = value as ((event: Event) => void) | undefined;
    return;
  }
  if (!/^(width|height|href|list|form|tabIndex|download|rowSpan|colSpan|role|popover)$/.test(name) && name in el) {
    try {
      dom[name] = value == null ? "" : value;
      return;
    } catch {
      // Read-only property: set the attribute instead.
    }
  }
  if (value != null && (value !== false || name[4] === "-")) el.setAttribute(name, name === "popover" && value === true ? "" : String(value));
  else el.removeAttribute(name);
}
