import { CostDailyPoint } from '@opsdeck/plugin-cost-common';
import { useTheme } from '@material-ui/core/styles';
import { CSSProperties } from 'react';
import useMeasure from 'react-use/esm/useMeasure';
import { dateTicks, tickWidth, valueTicks } from './chartTicks';
import { formatAxisMoney, formatMoney } from './formatMoney';

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
/** Width in pixels until the container is measured (and without layout). */
export const DEFAULT_WIDTH = 800;
const MIN_WIDTH = 240;
const HEIGHT = 280;
const MARGIN = { left: 68, right: 16, top: 18, bottom: 40 };
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
/** Size of the axis labels, in pixels. */
export const FONT_SIZE = 11;

/** Width of the plot area of a chart `width` pixels wide. */
export function plotWidthOf(width: number): number {
  return width - MARGIN.left - MARGIN.right;
}

const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/** A day marked as anomalous, with the spend that was expected. */
export interface ChartAnomaly {
  date: string;
  expected: number;
}

/** Props of {@link DailyCostChart}. */
export interface DailyCostChartProps {
  days: CostDailyPoint[];
  currency: string | null;
  projected?: Array<{ date: string; amount: number }>;
  /** Daily budget (monthly budget / days of the month). */
  dailyBudget?: number;
  /** Days to mark as anomalies. */
  anomalies?: ChartAnomaly[];
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

function summary(
  days: CostDailyPoint[],
  currency: string | null,
  anomalyCount: number,
  projected: boolean,
): string {
  const unit = `Daily cost in ${currency ?? 'the billing currency'}`;
  if (days.length === 0) {
    return `${unit}: no days in the period`;
  }
  const total = days.reduce((a, d) => a + d.amount, 0);
  const highest = days.reduce((a, d) => (d.amount > a.amount ? d : a));
  const parts = [
    `total ${formatMoney(total, currency)}`,
    `highest ${formatMoney(highest.amount, currency)} on ${highest.date}`,
    `${anomalyCount} ${anomalyCount === 1 ? 'anomaly' : 'anomalies'}`,
  ];
  if (projected) {
    parts.push('forecast to the end of the month');
  }
  return `${unit} from ${days[0].date} to ${
    days[days.length - 1].date
  }: ${parts.join(', ')}`;
}

/**
 * Daily spend as stacked bars per breakdown value, with date and currency
 * axes, anomalous days marked, the forecast of the rest of the month as a
 * dashed line and the daily budget as a red line. Each day has a tooltip
 * with its breakdown; the figures are also in a visually hidden table.
 */
export function DailyCostChart({
  days,
  currency,
  projected = [],
  dailyBudget,
  anomalies = [],
}: DailyCostChartProps) {
  const theme = useTheme();
  // Drawn at the container's width in pixels, so that labels keep their
  // size and the date axis gets as many labels as fit.
  const [measureRef, { width: measured }] = useMeasure<HTMLDivElement>();
  const width =
    measured > 0 ? Math.max(MIN_WIDTH, Math.floor(measured)) : DEFAULT_WIDTH;
  const plotWidth = plotWidthOf(width);
  const keys = topKeys(days);
  const shown = keys.slice(0, MAX_KEYS);
  const hasOther = keys.length > MAX_KEYS;
  const labels = [...shown, ...(hasOther ? ['other'] : [])];
  const stacks = days.map(d => {
    const parts = shown.map(k => d.breakdown[k] ?? 0);
    if (hasOther) {
      parts.push(Math.max(0, d.amount - parts.reduce((a, b) => a + b, 0)));
    }
    return parts;
  });
  const anomalyByDate = new Map(anomalies.map(a => [a.date, a]));
  const dates = [...days.map(d => d.date), ...projected.map(p => p.date)];
  const step = plotWidth / Math.max(1, dates.length);
  const yTicks = valueTicks(
    Math.max(
      0,
      ...days.map(d => d.amount),
      ...projected.map(p => p.amount),
      dailyBudget ?? 0,
    ),
  );
  const yStep = yTicks[1] - yTicks[0];
  const top = yTicks[yTicks.length - 1];
  const y = (v: number) => MARGIN.top + PLOT_HEIGHT - (v / top) * PLOT_HEIGHT;
  const x = (i: number) => MARGIN.left + i * step;
  const barWidth = step > 4 ? step - 1 : step;
  const textColor = theme.palette.text.secondary;
  const markAnomalies = days.some(d => anomalyByDate.has(d.date));

  return (
    <div ref={measureRef} style={{ position: 'relative' }}>
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        width="100%"
        height={HEIGHT}
        role="img"
        aria-label={summary(
          days,
          currency,
          days.filter(d => anomalyByDate.has(d.date)).length,
          projected.length > 0,
        )}
        fontSize={FONT_SIZE}
      >
        <g data-testid="y-axis">
          {yTicks.map(v => (
            <g key={v}>
              <line
                x1={MARGIN.left}
                x2={width - MARGIN.right}
                y1={y(v)}
                y2={y(v)}
                stroke={v === 0 ? textColor : theme.palette.divider}
                strokeWidth={v === 0 ? 1 : 0.5}
              />
              <text
                x={MARGIN.left - 6}
                y={y(v)}
                dy="0.32em"
                textAnchor="end"
                fill={textColor}
              >
                {formatAxisMoney(v, currency, yStep)}
              </text>
            </g>
          ))}
        </g>
        <g data-testid="x-axis">
          {dateTicks(dates, plotWidth, FONT_SIZE).map(t => {
            const centre = x(t.index) + step / 2;
            const half = tickWidth(t, FONT_SIZE) / 2;
            const labelX = Math.min(Math.max(centre, half), width - half);
            return (
              <g key={t.index}>
                <line
                  x1={centre}
                  x2={centre}
                  y1={y(0)}
                  y2={y(0) + 4}
                  stroke={textColor}
                />
                <text
                  x={labelX}
                  y={y(0) + 16}
                  textAnchor="middle"
                  fill={textColor}
                >
                  <tspan>{t.label}</tspan>
                  {t.year && (
                    <tspan x={labelX} dy={13}>
                      {t.year}
                    </tspan>
                  )}
                </text>
              </g>
            );
          })}
        </g>
        {stacks.map((parts, i) => {
          const day = days[i];
          const anomaly = anomalyByDate.get(day.date);
          const tooltip = [
            `${day.date}: ${formatMoney(day.amount, currency)}`,
            ...labels.flatMap((label, j) =>
              parts[j] > 0
                ? [`${label}: ${formatMoney(parts[j], currency)}`]
                : [],
            ),
            ...(anomaly
              ? [`Anomaly: expected ${formatMoney(anomaly.expected, currency)}`]
              : []),
          ].join('\n');
          let base = 0;
          return (
            <g key={day.date} data-testid="day">
              <title>{tooltip}</title>
              <rect
                x={x(i)}
                y={MARGIN.top}
                width={step}
                height={PLOT_HEIGHT}
                fill="transparent"
              />
              {parts.map((v, j) => {
                const upper = base + v;
                const rect = (
                  <rect
                    key={labels[j]}
                    x={x(i)}
                    width={barWidth}
                    y={y(upper)}
                    height={Math.max(0, y(base) - y(upper))}
                    fill={COLORS[j % COLORS.length]}
                  />
                );
                base = upper;
                return rect;
              })}
              {anomaly && (
                <path
                  data-testid="anomaly-marker"
                  d={`M ${x(i) + step / 2 - 5} ${
                    y(day.amount) - 10
                  } h 10 l -5 7 z`}
                  fill={theme.palette.error.main}
                />
              )}
            </g>
          );
        })}
        {projected.length > 0 && (
          <polyline
            data-testid="forecast-line"
            fill="none"
            stroke={textColor}
            strokeDasharray="4 3"
            points={projected
              .map((p, i) => `${x(days.length + i + 0.5)},${y(p.amount)}`)
              .join(' ')}
          />
        )}
        {dailyBudget !== undefined && (
          <line
            data-testid="budget-line"
            x1={MARGIN.left}
            x2={width - MARGIN.right}
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
        {markAnomalies && (
          <span>
            <span style={{ color: theme.palette.error.main }}>▼</span> anomaly
          </span>
        )}
        {projected.length > 0 && <span>- - forecast</span>}
        {dailyBudget !== undefined && (
          <span style={{ color: '#d32f2f' }}>
            — daily budget {formatMoney(dailyBudget, currency)}
          </span>
        )}
      </div>
      <div style={visuallyHidden}>
        <table>
          <caption>
            Daily cost in {currency ?? 'the billing currency'} by day
          </caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Total</th>
              {labels.map(label => (
                <th scope="col" key={label}>
                  {label}
                </th>
              ))}
              <th scope="col">Anomaly</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d, i) => {
              const anomaly = anomalyByDate.get(d.date);
              return (
                <tr key={d.date}>
                  <th scope="row">{d.date}</th>
                  <td>{formatMoney(d.amount, currency)}</td>
                  {stacks[i].map((v, j) => (
                    <td key={labels[j]}>{formatMoney(v, currency)}</td>
                  ))}
                  <td>
                    {anomaly
                      ? `expected ${formatMoney(anomaly.expected, currency)}`
                      : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
