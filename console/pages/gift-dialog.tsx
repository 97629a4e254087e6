import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api.ts";

interface Recommendation {
  kind: "seats" | "time" | "none";
  reason: string;
  seats?: number;
  days?: number;
}

interface Preview {
  sentence: string;
  renewalMonth: string;
  before: { accessEndsAt: string; licensedSeats: number };
  after: { accessEndsAt: string; licensedSeats: number };
}

/** Gift seats or time: the recommendation first, a preview before saving, then the ledger. */
export function GiftDialog(props: { accountId: string; recommendation: Recommendation; onClose: (saved: boolean) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const rec = props.recommendation;
  const [type, setType] = useState<"seats" | "time">(rec.kind === "seats" ? "seats" : "time");
  const [amount, setAmount] = useState(rec.kind === "seats" ? (rec.seats ?? 5) : (rec.days ?? 14));
  const [reason, setReason] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  useEffect(() => {
    setPreview(null);
    if (!(amount > 0)) return;
    const body = type === "seats" ? { type, seats: amount } : { type, days: amount };
    const timer = setTimeout(() => {
      api<Preview>("POST", `/accounts/${encodeURIComponent(props.accountId)}/gifts/preview`, body).then(setPreview, (e: Error) => setError(e.message));
    }, 150);
    return () => clearTimeout(timer);
  }, [type, amount]);
  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    setError("");
    try {
      await api(
        "POST",
        `/accounts/${encodeURIComponent(props.accountId)}/gifts`,
        type === "seats" ? { type, seats: amount, reason } : { type, days: amount, reason },
      );
      dialog.current?.close();
      props.onClose(true);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <dialog ref={dialog} class="gift" aria-labelledby="gift-title" onClose={() => props.onClose(false)}>
      <form onSubmit={(e) => void save(e)}>
        <h2 id="gift-title">Gift seats or time</h2>
        <p class={`recommendation rec-${rec.kind}`}>
          <strong>Recommended: {rec.kind === "none" ? "no gift" : rec.kind === "seats" ? `${rec.seats} seats` : `${rec.days} days`}.</strong> {rec.reason}
        </p>
        <fieldset>
          <legend>Gift</legend>
          <label>
            <input type="radio" name="type" checked={type === "seats"} onChange={() => setType("seats")} /> Bonus seats
          </label>
          <label>
            <input type="radio" name="type" checked={type === "time"} onChange={() => setType("time")} /> Time (calendar days)
          </label>
        </fieldset>
        <label>
          {type === "seats" ? "Seats" : "Days"}{" "}
          <input
            type="number"
            min={1}
            max={type === "seats" ? 100000 : 3660}
            value={amount}
            onInput={(e) => setAmount(Number((e.target as HTMLInputElement).value))}
            required
          />
        </label>
        <label>
          Reason (kept in the ledger){" "}
          <input value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} required maxLength={500} placeholder="e.g. migration delay" />
        </label>
        <output class="preview" aria-live="polite">
          {preview ? <>Preview: {preview.sentence}.</> : "Preview…"}
        </output>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <div class="actions">
          <button type="button" class="secondary" onClick={() => (dialog.current?.close(), props.onClose(false))}>
            Cancel
          </button>
          <button type="submit" disabled={!preview || !reason.trim()}>
            Save gift
          </button>
        </div>
      </form>
    </dialog>
  );
}
