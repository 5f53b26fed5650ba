import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { CostApi, costApiRef } from '../api/CostApi';
import { CostOverviewContent } from './CostOverviewPage';
import { costApiWith, OVERVIEW } from './testData';

const render = (api: CostApi) =>
  renderInTestApp(
    <TestApiProvider apis={[[costApiRef, api]]}>
      <CostOverviewContent />
    </TestApiProvider>,
  );

describe('CostOverviewContent', () => {
  it('shows progress while loading', async () => {
    await render(costApiWith({ getOverview: () => new Promise(() => {}) }));
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows an error', async () => {
    await render(
      costApiWith({
        getOverview: () => Promise.reject(new Error('no database')),
      }),
    );
    expect((await screen.findAllByText(/no database/)).length).toBeGreaterThan(
      0,
    );
  });

  it('explains how to import data when there is none', async () => {
    await render(
      costApiWith({
        getOverview: async () => ({ ...OVERVIEW, currency: null, byOwner: [] }),
      }),
    );
    expect(
      await screen.findByText('No cost data imported yet'),
    ).toBeInTheDocument();
  });

  it('shows the total, unallocated spend, teams and hints with the currency', async () => {
    await render(costApiWith());
    expect(await screen.findByText('€5,000.00')).toBeInTheDocument();
    expect(
      screen.getByText('Unallocated (no cost-allocation tag): €250.00'),
    ).toBeInTheDocument();
    expect(screen.getByText('checkout-team')).toBeInTheDocument();
    expect(screen.getByText('+20.0 % (€500.00)')).toBeInTheDocument();
    expect(screen.getByText(/Idle resource vol-9/)).toBeInTheDocument();
  });
});
