import { useTheme } from '@material-ui/core/styles';

/** A small line chart of values in time order; gaps (null) break the line. */
export function Sparkline(props: {
  values: Array<number | null>;
  label: string;
  width?: number;
  height?: number;
  min?: number;
  max?: number;
}) {
  const theme = useTheme();
  const { values, label, width = 160, height = 32 } = props;
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) {
    return null;
  }
  const min = props.min ?? Math.min(...known);
  const max = props.max ?? Math.max(...known);
  const span = max - min || 1;
  const x = (i: number) => (i / (values.length - 1)) * width;
  const y = (v: number) =>
    height - ((Math.min(max, Math.max(min, v)) - min) / span) * height;
  const segments: string[] = [];
  let current = '';
  values.forEach((v, i) => {
    if (v === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  return (
    <svg
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      {min < 0 && max > 0 && (
        <line
          x1={0}
          x2={width}
          y1={y(0)}
          y2={y(0)}
          stroke={theme.palette.divider}
          strokeDasharray="2 2"
        />
      )}
      {segments.map(d => (
        <path
          key={d}
          d={d}
          fill="none"
          stroke={theme.palette.primary.main}
          strokeWidth={1.5}
        />
      ))}
    </svg>
  );
}
