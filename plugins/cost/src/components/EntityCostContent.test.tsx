import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { CostApi, costApiRef } from '../api/CostApi';
import { EntityCostContent } from './EntityCostContent';
import { costApiWith, SUMMARY } from './testData';

const entity = (annotations: Record<string, string> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default', annotations },
  spec: {},
});

function render(api: CostApi, e: Entity = entity()) {
  return renderInTestApp(
    <TestApiProvider apis={[[costApiRef, api]]}>
      <EntityProvider entity={e}>
        <EntityCostContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityCostContent', () => {
  it('shows progress while loading', async () => {
    await render(costApiWith({ getSummary: () => new Promise(() => {}) }));
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error of a failing backend', async () => {
    await render(
      costApiWith({
        getSummary: async () => Promise.reject(new Error('cost backend down')),
      }),
    );
    expect(
      (await screen.findAllByText(/cost backend down/)).length,
    ).toBeGreaterThan(0);
  });

  it('explains the annotation when an entity without it has no spend', async () => {
    await render(
      costApiWith({ getSummary: async () => ({ ...SUMMARY, totals: [] }) }),
    );
    expect(await screen.findByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(
      screen.getAllByText(/opsdeck.io\/cost-allocation/).length,
    ).toBeGreaterThan(0);
  });

  it('says there is no data when the annotation matches nothing', async () => {
    await render(
      costApiWith({ getSummary: async () => ({ ...SUMMARY, totals: [] }) }),
      entity({ 'opsdeck.io/cost-allocation': 'team=nobody' }),
    );
    expect(
      await screen.findByText('No cost data for this entity'),
    ).toBeInTheDocument();
  });

  it('shows totals, change, forecast, budget, anomalies and hints with their currency', async () => {
    const api = costApiWith();
    await render(api);
    expect(await screen.findByText('€1,250.00')).toBeInTheDocument();
    expect(
      screen.getByText(/\+25\.0 % \(€250\.00\) against the previous period/),
    ).toBeInTheDocument();
    expect(screen.getByText('€1,300.00')).toBeInTheDocument();
    expect(screen.getByTestId('budget-status')).toHaveTextContent(
      'Budget €1,240.00: at-risk, forecast at 105 %',
    );
    expect(
      screen.getByText(/2026-01-20: €400.00 \(expected €100.00\)/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Idle resource vol-9: €40.00 \(save about €40.00\)/),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('img', { name: /^Daily cost in EUR/ }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('forecast-line')).toBeInTheDocument();
    expect(screen.getByTestId('budget-line')).toBeInTheDocument();
    expect(
      screen.getByRole('columnheader', { name: 'Virtual Machines' }),
    ).toBeInTheDocument();
    expect(api.getSummary).toHaveBeenCalledWith(
      'component:default/checkout-service',
    );
  });

  it('asks for another breakdown when the selector changes', async () => {
    const api = costApiWith();
    await render(api);
    await screen.findByRole('img', { name: /^Daily cost in EUR/ });
    fireEvent.mouseDown(screen.getByText('Service'));
    fireEvent.click(within(screen.getByRole('listbox')).getByText('Region'));
    await waitFor(() =>
      expect(api.getDaily).toHaveBeenLastCalledWith(
        'component:default/checkout-service',
        'region',
      ),
    );
  });
});
