import type { ComponentChildren, JSX } from "preact";
import { ids } from "./context.ts";

/** Per dialog part: the element shown and what had the focus before it opened. */
const openers = new Map<string, { el: HTMLDialogElement; opener: HTMLElement | null }>();

interface Props {
  part: string;
  /** Whether ESC closes it (then `onDismiss` runs). Otherwise only its own buttons can. */
  escCloses: boolean;
  onDismiss?: () => void;
  children: ComponentChildren;
}

/**
 * A `<dialog>` opened with `showModal()`: the top layer beats any host z-index, the page
 * behind becomes inert, and focus moves in. Tab is kept inside explicitly (the browser
 * would otherwise let it wander to its own UI).
 */
export function ModalShell({ part, escCloses, onDismiss, children }: Props): JSX.Element {
  function open(el: HTMLDialogElement | null): void {
    const known = openers.get(part);
    // A null ref is a re-render or a close; once the dialog is gone, focus goes back to its opener.
    if (!el) return void (known && queueMicrotask(() => !known.el.isConnected && openers.get(part) === known && (openers.delete(part), known.opener?.focus())));
    if (!known || known.el !== el)
      openers.set(part, { el, opener: ((el.getRootNode() as ShadowRoot).activeElement ?? document.activeElement) as HTMLElement | null });
    if (el.open || !el.isConnected) return;
    try {
      el.showModal();
    } catch {
      // The page may hold another modal or be mid-teardown; showing nothing is the safe failure.
    }
  }
  function onKeyDown(event: KeyboardEvent): void {
    if (event.key === "Escape" && !escCloses) {
      event.preventDefault();
      // Say why it stays open (a status region inside the dialog holds the words).
      const status = (event.currentTarget as HTMLElement).querySelector("[data-esc]");
      if (status) status.textContent = status.getAttribute("data-esc");
    }
    if (event.key === "Tab") keepFocusInside(event);
  }
  function onCancel(event: Event): void {
    // ESC: our state decides, so the dialog never closes behind the widget's back.
    event.preventDefault();
    if (escCloses) onDismiss?.();
  }
  function onClose(event: Event): void {
    // Browsers may close a modal despite a cancelled ESC (no recent user activation): reopen or follow.
    if (escCloses) onDismiss?.();
    else open(event.currentTarget as HTMLDialogElement);
  }
  return (
    <dialog
      ref={open}
      part={part}
      aria-labelledby={ids.modalTitle}
      aria-describedby={ids.modalBody}
      onKeyDown={onKeyDown}
      onCancel={onCancel}
      onClose={onClose}
    >
      {children}
    </dialog>
  );
}

function keepFocusInside(event: KeyboardEvent): void {
  const dialog = event.currentTarget as HTMLDialogElement;
  const items = Array.from(dialog.querySelectorAll<HTMLElement>("button:not([disabled]), a[href], input, textarea"));
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return event.preventDefault();
  const active = (dialog.getRootNode() as ShadowRoot).activeElement;
  const inside = active !== null && dialog.contains(active);
  if (event.shiftKey && (active === first || !inside)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !inside)) {
    event.preventDefault();
    first.focus();
  }
}
