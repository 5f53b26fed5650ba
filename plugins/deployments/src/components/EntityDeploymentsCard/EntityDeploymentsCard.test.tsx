import { ResponseError } from '@backstage/errors';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { emptySummary, fakeApi } from '../../__testUtils__/testData';
import { renderCard } from '../../__testUtils__/renderCard';

describe('EntityDeploymentsCard', () => {
  it('shows progress while loading', async () => {
    await renderCard(fakeApi({ getSummary: () => new Promise(() => {}) }));
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'No catalog entity "x"' },
        request: { method: 'GET', url: '/summary' },
        response: { statusCode: 404 },
      }),
      { status: 404, headers: { 'Content-Type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response);
    await renderCard(
      fakeApi({ getSummary: async () => Promise.reject(error) }),
    );
    expect(
      await screen.findByText(/No catalog entity "x"/),
    ).toBeInTheDocument();
  });

  it('explains how pipelines report when there are no deployments', async () => {
    await renderCard(fakeApi({ getSummary: async () => emptySummary }));
    expect(
      await screen.findByText('No deployments reported yet'),
    ).toBeInTheDocument();
    expect(screen.getByText(/opsdeck.io\/deployments-id/)).toBeInTheDocument();
    expect(
      screen.getAllByText(/api\/deployments\/events/).length,
    ).toBeGreaterThan(0);
  });

  it('shows each environment with the running version and the canary in flight', async () => {
    await renderCard(fakeApi());
    expect(await screen.findByText('production')).toBeInTheDocument();
    expect(screen.getByText('staging')).toBeInTheDocument();
    expect(screen.getByText('1.4.2')).toBeInTheDocument();
    expect(screen.getByText(/step 2/)).toBeInTheDocument();
    expect(screen.getByLabelText('1.5.0 at 25% of traffic')).toHaveAttribute(
      'aria-valuenow',
      '25',
    );
    expect(screen.getByText('bob')).toBeInTheDocument();
    expect(screen.getAllByText('run')[0].closest('a')).toHaveAttribute(
      'href',
      'https://ci.example.com/runs/1',
    );
  });

  it('rolls back when allowed', async () => {
    const api = fakeApi();
    const { alertApi } = await renderCard(api);
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Roll back 1.4.2 in production',
      }),
    );
    await waitFor(() =>
      expect(api.rollback).toHaveBeenCalledWith(
        'component:default/checkout-service',
        'production',
      ),
    );
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith(
        expect.objectContaining({ severity: 'success' }),
      ),
    );
  });
});
