/** Inline SVG charts (no chart library): horizontal stacked bars with a legend. */

export interface BarSeries {
  key: string;
  label: string;
  color: string;
}

export function StackedBars({ rows, series, testId }: { rows: Array<{ label: string; values: Record<string, number>; note?: string }>; series: BarSeries[]; testId?: string }) {
  const max = Math.max(1, ...rows.map((r) => series.reduce((n, s) => n + (r.values[s.key] ?? 0), 0)));
  const rowH = 26;
  const labelW = 120;
  const width = 560;
  const barW = width - labelW - 60;
  return (
    <figure data-testid={testId}>
      <svg viewBox={`0 0 ${width} ${Math.max(rowH, rows.length * rowH) + 8}`} className="chart" role="img">
        {rows.map((r, i) => {
          let x = labelW;
          const y = i * rowH + 4;
          const total = series.reduce((n, s) => n + (r.values[s.key] ?? 0), 0);
          return (
            <g key={r.label}>
              <text x={labelW - 6} y={y + 14} textAnchor="end">{r.label.length > 14 ? `${r.label.slice(0, 13)}…` : r.label}</text>
              <rect x={labelW} y={y} width={barW} height={rowH - 8} fill="#eef0f3" rx="3" />
              {series.map((s) => {
                const w = ((r.values[s.key] ?? 0) / max) * barW;
                const el = w > 0 ? <rect key={s.key} x={x} y={y} width={w} height={rowH - 8} fill={s.color}><title>{`${s.label}: ${r.values[s.key]}`}</title></rect> : null;
                x += w;
                return el;
              })}
              <text x={labelW + barW + 6} y={y + 14}>{r.note ?? total}</text>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {series.map((s) => (
          <span key={s.key}><i style={{ background: s.color }} />{s.label}</span>
        ))}
      </figcaption>
    </figure>
  );
}
