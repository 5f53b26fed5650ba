import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { addDays, CostDailyPoint } from '@opsdeck/plugin-cost-common';
import { dateTicks } from './chartTicks';
import {
  DailyCostChart,
  DEFAULT_WIDTH,
  FONT_SIZE,
  plotWidthOf,
} from './DailyCostChart';

/** `n` days ending 2026-11-20: 30 on VMs and 10 on storage, 3 on DNS on Mondays. */
function series(n: number): CostDailyPoint[] {
  return Array.from({ length: n }, (_, i) => {
    const date = addDays('2026-11-20', i - n + 1);
    const monday = new Date(`${date}T00:00:00Z`).getUTCDay() === 1;
    const breakdown: Record<string, number> = {
      'Virtual Machines': 30,
      'Block Storage': 10,
      ...(monday ? { DNS: 3 } : {}),
    };
    return { date, amount: monday ? 43 : 40, breakdown };
  });
}

const xLabels = () =>
  Array.from(
    screen.getByTestId('x-axis').querySelectorAll('tspan'),
    t => t.textContent,
  );
const yLabels = () =>
  Array.from(
    screen.getByTestId('y-axis').querySelectorAll('text'),
    t => t.textContent,
  );

describe('DailyCostChart', () => {
  it('labels each day of a week and the currency axis', async () => {
    await renderInTestApp(<DailyCostChart days={series(7)} currency="EUR" />);
    expect(xLabels()).toEqual([
      'Nov 14',
      'Nov 15',
      'Nov 16',
      'Nov 17',
      'Nov 18',
      'Nov 19',
      'Nov 20',
    ]);
    expect(yLabels()).toEqual(['€0', '€20', '€40', '€60']);
  });

  it('labels the Mondays of 30 days', async () => {
    await renderInTestApp(<DailyCostChart days={series(30)} currency="EUR" />);
    expect(xLabels()).toEqual(['Oct 26', 'Nov 2', 'Nov 9', 'Nov 16']);
  });

  it('labels the months of 366 days, marks anomalies and explains every day', async () => {
    const days = series(366);
    days[300] = {
      ...days[300],
      amount: 410,
      breakdown: { 'Virtual Machines': 400, 'Block Storage': 10 },
    };
    await renderInTestApp(
      <DailyCostChart
        days={days}
        currency="EUR"
        anomalies={[{ date: days[300].date, expected: 40 }]}
      />,
    );
    // The months, the year under the first and under January.
    expect(xLabels()).toEqual(
      dateTicks(
        days.map(d => d.date),
        plotWidthOf(DEFAULT_WIDTH),
        FONT_SIZE,
      ).flatMap(t => (t.year ? [t.label, t.year] : [t.label])),
    );
    expect(xLabels().slice(0, 5)).toEqual([
      'Dec',
      '2025',
      'Jan',
      '2026',
      'Feb',
    ]);
    expect(yLabels()).toEqual(['€0', '€200', '€400', '€600']);

    const chart = screen.getByRole('img', {
      name: `Daily cost in EUR from 2025-11-20 to 2026-11-20: total €${(
        365 * 40 +
        52 * 3 +
        410
      ).toLocaleString('en-US')}.00, highest €410.00 on 2026-09-16, 1 anomaly`,
    });
    const dayGroups = within(chart as unknown as HTMLElement).getAllByTestId(
      'day',
    );
    expect(dayGroups).toHaveLength(366);
    expect(dayGroups[300].querySelector('title')!.textContent).toBe(
      '2026-09-16: €410.00\nVirtual Machines: €400.00\nBlock Storage: €10.00\nAnomaly: expected €40.00',
    );
    expect(dayGroups[0].querySelector('title')!.textContent).toBe(
      '2025-11-20: €40.00\nVirtual Machines: €30.00\nBlock Storage: €10.00',
    );
    expect(screen.getAllByTestId('anomaly-marker')).toHaveLength(1);
    expect(screen.getByText('anomaly')).toBeInTheDocument();

    // The same figures as a table for screen readers.
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(367);
    const row = within(table).getByRole('row', { name: /^2026-09-16/ });
    expect(row).toHaveTextContent(
      '2026-09-16€410.00€400.00€10.00€0.00expected €40.00',
    );
  });

  it('draws the forecast and the daily budget on the same scale', async () => {
    await renderInTestApp(
      <DailyCostChart
        days={series(20)}
        currency="USD"
        projected={[
          { date: '2026-11-21', amount: 41 },
          { date: '2026-11-22', amount: 42 },
        ]}
        dailyBudget={75}
      />,
    );
    expect(yLabels()).toEqual(['$0', '$20', '$40', '$60', '$80']);
    expect(screen.getByTestId('forecast-line')).toBeInTheDocument();
    expect(screen.getByTestId('budget-line')).toBeInTheDocument();
    expect(screen.getByText('— daily budget $75.00')).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /forecast to the end of the month$/ }),
    ).toBeInTheDocument();
  });

  it('says so when the period has no days', async () => {
    await renderInTestApp(<DailyCostChart days={[]} currency={null} />);
    expect(
      screen.getByRole('img', {
        name: 'Daily cost in the billing currency: no days in the period',
      }),
    ).toBeInTheDocument();
    expect(xLabels()).toEqual([]);
  });
});
