import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { SloEvaluation } from '@opsdeck/plugin-slo-common';
import { SloApi, sloApiRef } from '../../api/SloApi';
import { annotatedEntity, evaluation, plainEntity, report } from '../testData';
import { EntitySloCard } from './EntitySloCard';

function render(entity: Entity, api: SloApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[sloApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntitySloCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

/** Renders the card with one SLO: the test evaluation with some fields changed. */
function renderSlo(overrides: Partial<SloEvaluation>) {
  return render(annotatedEntity, {
    getEntitySlos: async () =>
      report({ slos: [{ ...evaluation, ...overrides }] }),
  });
}

/** An SLO whose 30-day 99.9% budget (43m 12s) is `consumed` times spent. */
function spent(consumed: number): Partial<SloEvaluation> {
  const attainment = 1 - 0.001 * consumed;
  return {
    attainment,
    budget: {
      attainment,
      total: 0.001,
      consumed,
      remaining: 1 - consumed,
      totalSeconds: 2592,
      remainingSeconds: (1 - consumed) * 2592,
    },
    timeToExhaustionSeconds: 0,
  };
}

describe('EntitySloCard', () => {
  it('shows each SLO with attainment, budget bar and time, burn-rate pairs and sparkline', async () => {
    const api = { getEntitySlos: jest.fn().mockResolvedValue(report()) };
    await render(annotatedEntity, api);
    expect(
      await screen.findByText('Checkout availability'),
    ).toBeInTheDocument();
    expect(api.getEntitySlos).toHaveBeenCalledWith(
      'component:default/checkout-service',
    );
    expect(
      screen.getByText('Objective 99.9% over rolling 30d'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Attainment 99\.925% · budget left 25% \(10m 48s of 43m 12s\) · exhausted in 2h/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('Checkout availability error budget remaining'),
    ).toHaveAttribute('aria-valuenow', '25');
    expect(screen.getByText('page 1h/5m: firing')).toBeInTheDocument();
    expect(screen.getByText('page 6h/30m: ok')).toBeInTheDocument();
    expect(screen.getByText('ticket 3d/6h: ok')).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Checkout availability remaining budget over the window',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Demo data/)).not.toBeInTheDocument();
  });

  it('says the budget is not burning when the 1h burn rate is zero', async () => {
    await renderSlo({ timeToExhaustionSeconds: null });
    const line = await screen.findByText(/^Attainment/);
    expect(line).toHaveTextContent(
      'Attainment 99.925% · budget left 25% (10m 48s of 43m 12s) · not burning',
    );
    expect(line).not.toHaveTextContent(/exhausted/);
  });

  it('says the budget is exhausted once it is overspent, with how much was spent', async () => {
    await renderSlo(spent(1.5));
    const line = await screen.findByText(/^Attainment/);
    expect(line).toHaveTextContent(
      'Attainment 99.85% · budget exhausted: 150% of 43m 12s spent',
    );
    expect(line).not.toHaveTextContent(/exhausted in|budget left|-/);
  });

  it('says the budget is exhausted when exactly all of it is spent', async () => {
    await renderSlo(spent(1));
    expect(await screen.findByText(/^Attainment/)).toHaveTextContent(
      'Attainment 99.9% · budget exhausted: 100% of 43m 12s spent',
    );
  });

  it('says there is no data yet when the window has no budget figures', async () => {
    await renderSlo({
      state: 'no-data',
      attainment: null,
      budget: null,
      timeToExhaustionSeconds: null,
    });
    const line = await screen.findByText(/^No data/);
    expect(line).toHaveTextContent(
      'No data in the window yet: no attainment or error budget',
    );
    expect(line).not.toHaveTextContent(/burning|exhausted/);
  });

  it('labels demo data', async () => {
    await render(annotatedEntity, {
      getEntitySlos: async () => report({ demo: true }),
    });
    expect(
      await screen.findByText(
        'Demo data: recorded series, not live measurements',
      ),
    ).toBeInTheDocument();
  });

  it('shows a loading state', async () => {
    await render(annotatedEntity, {
      getEntitySlos: () => new Promise(() => {}),
    });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'entity gone' },
      }),
      {
        status: 404,
        statusText: 'Not Found',
        headers: { 'content-type': 'application/json' },
      },
    );
    const error = await ResponseError.fromResponse(response as any);
    await render(annotatedEntity, {
      getEntitySlos: async () => Promise.reject(error),
    });
    expect((await screen.findAllByText(/entity gone/)).length).toBeGreaterThan(
      0,
    );
  });

  it('explains how to add the annotation instead of calling the backend', async () => {
    const api = { getEntitySlos: jest.fn() };
    await render(plainEntity, api);
    expect(
      (await screen.findAllByText(/opsdeck\.io\/slo/)).length,
    ).toBeGreaterThan(0);
    expect(api.getEntitySlos).not.toHaveBeenCalled();
  });

  it('shows an empty state when the file defines no SLO', async () => {
    await render(annotatedEntity, {
      getEntitySlos: async () => report({ slos: [] }),
    });
    expect(await screen.findByText('No SLOs')).toBeInTheDocument();
  });

  it('shows why the OpenSLO file is invalid', async () => {
    await render(annotatedEntity, {
      getEntitySlos: async () =>
        report({
          slos: [],
          problem: {
            code: 'invalid-openslo',
            message:
              'checkout.yaml: SLO x: spec.objectives[0].target: must be below 1',
          },
        }),
    });
    expect(
      await screen.findByText(/spec\.objectives\[0\]\.target: must be below 1/),
    ).toBeInTheDocument();
  });

  it('shows per-SLO problems such as no traffic, never 100%', async () => {
    await renderSlo({
      state: 'no-data',
      attainment: null,
      budget: null,
      problem: {
        code: 'no-traffic',
        message: 'no traffic in the rolling 30d window',
      },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'no traffic in the rolling 30d window',
    );
    expect(screen.queryByText(/100%/)).not.toBeInTheDocument();
  });
});
