import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import type { AlignedData, Options } from "uplot";

export interface Series {
  label: string;
  color: string;
  /** Bars instead of a line. */
  bars?: boolean;
}

/**
 * A uPlot chart that fits its container's width. `x` values are seconds (uPlot's time
 * scale) unless `categories` names them.
 */
export function Chart(props: { title: string; x: number[]; series: Series[]; values: Array<Array<number | null>>; height?: number; categories?: string[] }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const bars = uPlot.paths.bars?.({ size: [0.6, 60] });
    const options: Options = {
      width: Math.max(280, el.clientWidth),
      height: props.height ?? 200,
      legend: { show: true },
      scales: { x: props.categories ? { time: false, range: [-0.5, props.categories.length - 0.5] } : { time: true } },
      axes: [
        // Categories sit on whole indexes only: one label per bar, never a repeated one.
        props.categories ? { incrs: [1], values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? (props.categories?.[i] ?? "") : "")) } : {},
        { size: 60 },
      ],
      series: [
        {},
        ...props.series.map((s) => ({ label: s.label, stroke: s.color, width: 2, ...(s.bars && bars ? { paths: bars, fill: `${s.color}99` } : {}) })),
      ],
    };
    const plot = new uPlot(options, [props.x, ...props.values] as AlignedData, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height: props.height ?? 200 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [JSON.stringify([props.x, props.values, props.series, props.categories])]);
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <div ref={host} role="img" aria-label={props.title} />
    </figure>
  );
}
