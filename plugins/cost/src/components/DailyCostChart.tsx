import { CostDailyPoint } from '@opsdeck/plugin-cost-common';
import { formatMoney } from './formatMoney';

const COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
];
const MAX_KEYS = 7;
const WIDTH = 800;
const HEIGHT = 240;
const PAD = 40;

/** Props of {@link DailyCostChart}. */
export interface DailyCostChartProps {
  days: CostDailyPoint[];
  currency: string | null;
  projected?: Array<{ date: string; amount: number }>;
  /** Daily budget (monthly budget / days of the month). */
  dailyBudget?: number;
}

function topKeys(days: CostDailyPoint[]): string[] {
  const totals = new Map<string, number>();
  days.forEach(d =>
    Object.entries(d.breakdown).forEach(([k, v]) =>
      totals.set(k, (totals.get(k) ?? 0) + v),
    ),
  );
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
}

/**
 * Daily spend as stacked bars per breakdown value, the forecast of the rest
 * of the month as a dashed line and the daily budget as a red line.
 */
export function DailyCostChart({
  days,
  currency,
  projected = [],
  dailyBudget,
}: DailyCostChartProps) {
  const keys = topKeys(days);
  const shown = keys.slice(0, MAX_KEYS);
  const hasOther = keys.length > MAX_KEYS;
  const stacks = days.map(d => {
    const parts = shown.map(k => d.breakdown[k] ?? 0);
    if (hasOther) {
      parts.push(d.amount - parts.reduce((a, b) => a + b, 0));
    }
    return parts;
  });
  const columns = days.length + projected.length;
  const max = Math.max(
    1,
    ...days.map(d => d.amount),
    ...projected.map(p => p.amount),
    dailyBudget ?? 0,
  );
  const step = (WIDTH - 2 * PAD) / Math.max(1, columns);
  const y = (v: number) => HEIGHT - PAD - (v / max) * (HEIGHT - 2 * PAD);
  const labels = [...shown, ...(hasOther ? ['other'] : [])];
  return (
    <div>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={`Daily cost in ${currency ?? 'the billing currency'}`}
      >
        <text x={4} y={PAD - 8} fontSize={11}>
          {formatMoney(max, currency)}
        </text>
        <line x1={PAD} x2={WIDTH - PAD} y1={y(0)} y2={y(0)} stroke="#999" />
        {stacks.map((parts, i) => {
          let base = 0;
          return (
            <g key={days[i].date}>
              <title>{`${days[i].date}: ${formatMoney(
                days[i].amount,
                currency,
              )}`}</title>
              {parts.map((v, j) => {
                const top = base + v;
                const rect = (
                  <rect
                    key={labels[j]}
                    x={PAD + i * step}
                    width={Math.max(1, step - 1)}
                    y={y(top)}
                    height={Math.max(0, y(base) - y(top))}
                    fill={COLORS[j % COLORS.length]}
                  />
                );
                base = top;
                return rect;
              })}
            </g>
          );
        })}
        {projected.length > 0 && (
          <polyline
            data-testid="forecast-line"
            fill="none"
            stroke="#555"
            strokeDasharray="4 3"
            points={projected
              .map(
                (p, i) =>
                  `${PAD + (days.length + i + 0.5) * step},${y(p.amount)}`,
              )
              .join(' ')}
          />
        )}
        {dailyBudget !== undefined && (
          <line
            data-testid="budget-line"
            x1={PAD}
            x2={WIDTH - PAD}
            y1={y(dailyBudget)}
            y2={y(dailyBudget)}
            stroke="#d32f2f"
          />
        )}
      </svg>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, fontSize: 12 }}>
        {labels.map((label, j) => (
          <span key={label}>
            <span
              style={{
                display: 'inline-block',
                width: 10,
                height: 10,
                background: COLORS[j % COLORS.length],
                marginRight: 4,
              }}
            />
            {label}
          </span>
        ))}
        {projected.length > 0 && <span>- - forecast</span>}
        {dailyBudget !== undefined && (
          <span style={{ color: '#d32f2f' }}>
            — daily budget {formatMoney(dailyBudget, currency)}
          </span>
        )}
      </div>
    </div>
  );
}
