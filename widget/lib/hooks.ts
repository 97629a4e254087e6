import { hookContext, render } from "./dom.ts";

/** State kept by a component between renders; setting it renders the tree again (once per tick). */
export function useState<T>(initial: T): [T, (next: T) => void] {
  const [inst, i, owner, at] = hookContext();
  if (!inst.hooks[i]) {
    inst.hooks[i] = [
      initial,
      (value) => {
        inst.hooks[i]![0] = value;
        if (owner.pending) return;
        owner.pending = true;
        queueMicrotask(() => {
          owner.pending = false;
          render(owner.vnode, at);
        });
      },
    ];
  }
  const hook = inst.hooks[i]!;
  return [hook[0] as T, hook[1] as (next: T) => void];
}
