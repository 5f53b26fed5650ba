import { addDays } from '@opsdeck/plugin-cost-common';
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CostApi, costApiRef } from '../api/CostApi';
import { CHECKOUT, costRows, SPIKE_DAY } from '../__fixtures__/costRows';
import { InMemoryCostApi } from '../__fixtures__/InMemoryCostApi';
import { LocationProbe } from '../__fixtures__/LocationProbe';
import { EntityCostContent } from './EntityCostContent';

const entity = (
  name = 'checkout-service',
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {},
});

/** The fixture spend, with a monthly budget of €1,150 for checkout-service. */
function costApi(overrides: Partial<CostApi> = {}) {
  const api = new InMemoryCostApi(costRows(), {
    [CHECKOUT]: { amount: 1150, currency: 'EUR' },
  });
  return Object.assign(api, overrides);
}

function render(
  api: CostApi,
  options: { entity?: Entity; search?: string } = {},
) {
  return renderInTestApp(
    <TestApiProvider apis={[[costApiRef, api]]}>
      <EntityProvider entity={options.entity ?? entity()}>
        <EntityCostContent />
        <LocationProbe />
      </EntityProvider>
    </TestApiProvider>,
    { routeEntries: [`/cost${options.search ?? ''}`] },
  );
}

/** The periods `method` was asked for, in order. */
const periods = (api: InMemoryCostApi, method: keyof CostApi) =>
  api.requests.filter(r => r.method === method).map(r => r.period);

const card = (title: string) =>
  screen
    .getByText(title, { exact: true })
    .closest('.MuiCard-root')! as HTMLElement;

const findCard = async (title: string) => {
  await screen.findByText(title, { exact: true });
  return card(title);
};

async function choosePeriod(label: string) {
  await userEvent.click(screen.getByRole('button', { name: /^Period/ }));
  await userEvent.click(
    within(screen.getByRole('listbox')).getByRole('option', { name: label }),
  );
}

describe('EntityCostContent', () => {
  it('shows progress while loading', async () => {
    await render(costApi({ getSummary: () => new Promise(() => {}) }));
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error of a failing backend', async () => {
    await render(
      costApi({
        getSummary: async () => Promise.reject(new Error('cost backend down')),
      }),
    );
    expect(
      (await screen.findAllByText(/cost backend down/)).length,
    ).toBeGreaterThan(0);
  });

  it('shows the error of a failing forecast', async () => {
    await render(
      costApi({ getForecast: () => Promise.reject(new Error('no forecast')) }),
    );
    expect((await screen.findAllByText(/no forecast/)).length).toBeGreaterThan(
      0,
    );
  });

  it('explains the annotation when an entity without it has no spend', async () => {
    await render(costApi(), { entity: entity('unknown-service') });
    expect(await screen.findByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(
      screen.getAllByText(/opsdeck.io\/cost-allocation/).length,
    ).toBeGreaterThan(0);
  });

  it('says there is no data in another period or when the annotation matches nothing', async () => {
    const { unmount } = await render(costApi(), {
      entity: entity('unknown-service'),
      search: '?period=90d',
    });
    expect(
      await screen.findByText('No cost data for this entity'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/No billing rows in 2026-08-23 to 2026-11-20/),
    ).toBeInTheDocument();
    unmount();

    await render(costApi(), {
      entity: entity('unknown-service', {
        'opsdeck.io/cost-allocation': 'team=nobody',
      }),
    });
    expect(
      await screen.findByText('No cost data for this entity'),
    ).toBeInTheDocument();
  });

  it('shows the last 30 days with data by default: totals, forecast, budget, chart and hints', async () => {
    const api = costApi();
    await render(api);
    await screen.findByText('Daily cost');
    expect(periods(api, 'getSummary')).toEqual([
      { from: '2026-10-22', to: '2026-11-20' },
    ]);
    expect(screen.getByTestId('cost-period')).toHaveTextContent(
      '2026-10-22 to 2026-11-20 (30 days)',
    );
    // 40 a day; the 30 days before held the €400 day: 1,570.
    expect(within(card('Spend')).getByText('€1,200.00')).toBeInTheDocument();
    expect(
      screen.getByText(
        '2026-10-22 to 2026-11-20: -23.6 % (-€370.00) against the previous period',
      ),
    ).toBeInTheDocument();
    // November so far 20 × 40, then 10 more days at 40.
    expect(
      within(card('Forecast 2026-11')).getByText('€1,200.00'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('budget-status')).toHaveTextContent(
      'Budget €1,150.00: at-risk, forecast at 104 %',
    );
    expect(
      screen.getByText('No anomalies in this period.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Idle resource vol-9: €200.00 (save about €200.00)'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('img', {
        name: 'Daily cost in EUR from 2026-10-22 to 2026-11-20: total €1,200.00, highest €40.00 on 2026-10-22, 0 anomalies, forecast to the end of the month',
      }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('forecast-line')).toBeInTheDocument();
    expect(screen.getByTestId('budget-line')).toBeInTheDocument();
    // In the legend and as a column of the table behind the chart.
    expect(screen.getAllByText('Virtual Machines')).toHaveLength(2);
    expect(
      screen.getByRole('columnheader', { name: 'Block Storage' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(/^$/);
  });

  it('asks for the period chosen and keeps it in the query string', async () => {
    const api = costApi();
    await render(api);
    await screen.findByText('Daily cost');
    await choosePeriod('Last 90 days');

    await waitFor(() =>
      expect(screen.getByTestId('cost-period')).toHaveTextContent(
        '2026-08-23 to 2026-11-20 (90 days)',
      ),
    );
    const ninety = { from: '2026-08-23', to: '2026-11-20' };
    for (const method of ['getSummary', 'getAnomalies', 'getHints'] as const) {
      expect(periods(api, method)).toEqual([
        { from: '2026-10-22', to: '2026-11-20' },
        ninety,
      ]);
    }
    await waitFor(() =>
      expect(periods(api, 'getDaily').at(-1)).toEqual(ninety),
    );
    expect(screen.getByTestId('location')).toHaveTextContent('?period=90d');
    // 90 × 40 and the €370 excess of 2026-10-15, which is an anomaly.
    expect(
      await within(card('Spend')).findByText('€3,970.00'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('2026-10-15: €410.00 (expected €40.00)'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getAllByTestId('anomaly-marker')).toHaveLength(1),
    );
    // The forecast stays month to date and is not asked for again.
    expect(periods(api, 'getForecast')).toHaveLength(1);
    expect(
      within(card('Forecast 2026-11')).getByText('€1,200.00'),
    ).toBeInTheDocument();
  });

  it('opens the period of the query string: the previous month, without a forecast', async () => {
    const api = costApi();
    await render(api, { search: '?period=previous-month' });
    await screen.findByText('Daily cost');
    expect(periods(api, 'getSummary')).toEqual([
      { from: '2026-10-01', to: '2026-10-31' },
    ]);
    expect(screen.getByRole('button', { name: /^Period/ })).toHaveTextContent(
      'Previous month',
    );
    // 31 × 40 + 370.
    expect(within(card('Spend')).getByText('€1,610.00')).toBeInTheDocument();
    // vol-7 was in use in October: no idle volume.
    expect(screen.queryByText(/Idle resource/)).not.toBeInTheDocument();
    await screen.findByRole('img', { name: /from 2026-10-01 to 2026-10-31/ });
    expect(screen.queryByTestId('forecast-line')).not.toBeInTheDocument();
    expect(screen.queryByTestId('budget-line')).not.toBeInTheDocument();
  });

  it('applies a custom range, writes it to the query string and reads it back', async () => {
    const api = costApi();
    const { unmount } = await render(api, { search: '?period=7d' });
    expect(
      await within(await findCard('Spend')).findByText('€280.00'),
    ).toBeInTheDocument();
    await choosePeriod('Custom range');
    const from = screen.getByLabelText('From');
    const to = screen.getByLabelText('To');
    // Prefilled with the period shown.
    expect(from).toHaveValue('2026-11-14');
    expect(to).toHaveValue('2026-11-20');
    fireEvent.change(from, { target: { value: '2026-01-01' } });
    fireEvent.change(to, { target: { value: '2026-01-31' } });
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));

    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(
        '?from=2026-01-01&to=2026-01-31',
      ),
    );
    expect(
      await within(card('Spend')).findByText('€1,240.00'),
    ).toBeInTheDocument();
    expect(periods(api, 'getSummary').at(-1)).toEqual({
      from: '2026-01-01',
      to: '2026-01-31',
    });
    const search = screen.getByTestId('location').textContent!;
    unmount();

    // The link shows the same view.
    const again = costApi();
    await render(again, { search });
    expect(
      await within(await findCard('Spend')).findByText('€1,240.00'),
    ).toBeInTheDocument();
    expect(periods(again, 'getSummary')).toEqual([
      { from: '2026-01-01', to: '2026-01-31' },
    ]);
    expect(screen.getByLabelText('From')).toHaveValue('2026-01-01');
    expect(screen.getByLabelText('To')).toHaveValue('2026-01-31');
  });

  it('refuses invalid custom ranges with a message and asks for nothing', async () => {
    const api = costApi();
    await render(api);
    await screen.findByText('Daily cost');
    const before = api.requests.length;
    await choosePeriod('Custom range');
    const apply = () =>
      userEvent.click(screen.getByRole('button', { name: 'Apply' }));

    fireEvent.change(screen.getByLabelText('From'), {
      target: { value: '2026-03-01' },
    });
    fireEvent.change(screen.getByLabelText('To'), {
      target: { value: '2026-02-01' },
    });
    await apply();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The first day (2026-03-01) is after the last day (2026-02-01).',
    );

    fireEvent.change(screen.getByLabelText('From'), {
      target: { value: '2024-11-01' },
    });
    fireEvent.change(screen.getByLabelText('To'), {
      target: { value: '2026-11-20' },
    });
    await apply();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'A period is at most 366 days; 2024-11-01 to 2026-11-20 has 750.',
    );

    fireEvent.change(screen.getByLabelText('To'), { target: { value: '' } });
    await apply();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Enter both the first and the last day of the period.',
    );

    expect(api.requests.length).toBe(before);
    expect(screen.getByTestId('location')).toHaveTextContent(/^$/);
  });

  it('asks for nothing when the query string holds an invalid period, until one is chosen', async () => {
    const api = costApi();
    const { unmount } = await render(api, {
      search: '?from=2026-02-30&to=2026-03-10',
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The first day “2026-02-30” is not a date (YYYY-MM-DD).',
    );
    unmount();
    await render(api, { search: '?period=1y' });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Unknown period “1y”: choose one from the list.',
    );
    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
    expect(api.requests).toEqual([]);

    await choosePeriod('Last 7 days');
    expect(
      await within(await findCard('Spend')).findByText('€280.00'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('?period=7d');
  });

  it('lists the ten latest anomalies and marks them all on the chart', async () => {
    // A €400 day every 10 days from 2026-01-10: 31 of them.
    const spikes = new Set(
      Array.from({ length: 31 }, (_, i) => addDays('2026-01-10', i * 10)),
    );
    const rows = costRows().map(r =>
      r.resource === 'vm-checkout-1' && spikes.has(r.day)
        ? { ...r, amount: 400 }
        : r,
    );
    await render(new InMemoryCostApi(rows), {
      search: '?from=2026-06-01&to=2026-11-20',
    });
    // Those from 2026-06-09 to 2026-11-06, and the fixture's 2026-10-15.
    const anomalies = [...spikes, SPIKE_DAY]
      .filter(d => d >= '2026-06-01')
      .sort();
    expect(anomalies).toHaveLength(17);
    expect(
      await screen.findByText('2026-11-06: €410.00 (expected €40.00)'),
    ).toBeInTheDocument();
    const listed = within(card('Anomalies')).getAllByText(/^2026-.*expected/);
    expect(listed.map(e => e.textContent!.slice(0, 10))).toEqual(
      anomalies.slice(-10).reverse(),
    );
    expect(
      within(card('Anomalies')).getByText('and 7 earlier, marked on the chart'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getAllByTestId('anomaly-marker')).toHaveLength(17),
    );
  });

  it('asks for another breakdown of the same period when the selector changes', async () => {
    const api = costApi();
    await render(api, { search: '?period=this-month' });
    await screen.findByRole('img', { name: /Daily cost in EUR/ });
    fireEvent.mouseDown(screen.getByText('Service'));
    fireEvent.click(within(screen.getByRole('listbox')).getByText('Region'));
    await waitFor(() =>
      expect(api.requests.at(-1)).toEqual({
        method: 'getDaily',
        entityRef: CHECKOUT,
        dimension: 'region',
        period: { from: '2026-11-01', to: '2026-11-20' },
      }),
    );
    expect(
      await screen.findByRole('columnheader', { name: 'eu-west-1' }),
    ).toBeInTheDocument();
  });
});
