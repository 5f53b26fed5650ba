import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { SloApi, sloApiRef } from '../../api/SloApi';
import { annotatedEntity, plainEntity, report } from '../testData';
import { EntitySloContent } from './EntitySloContent';

function render(entity: Entity, api: SloApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[sloApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntitySloContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntitySloContent', () => {
  it('shows SLI and budget charts, burn rates, alert rules and the source link', async () => {
    await render(annotatedEntity, { getEntitySlos: async () => report() });
    expect(
      await screen.findByRole('img', {
        name: 'Checkout availability SLI over the window',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Checkout availability error budget over the window',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('1h: 30.00×')).toBeInTheDocument();
    expect(
      screen.getByText(
        /opsdeck-slo-checkout-service-checkout-availability-alerts/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('OpenSLO source file').closest('a'),
    ).toHaveAttribute('href', 'https://git.example/repo/slo/checkout.yaml');
  });

  it('shows loading, missing annotation and empty states', async () => {
    const { unmount } = await render(annotatedEntity, {
      getEntitySlos: () => new Promise(() => {}),
    });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    unmount();
    const second = await render(plainEntity, { getEntitySlos: jest.fn() });
    expect(
      (await screen.findAllByText(/opsdeck\.io\/slo/)).length,
    ).toBeGreaterThan(0);
    second.unmount();
    await render(annotatedEntity, {
      getEntitySlos: async () => report({ slos: [] }),
    });
    expect(await screen.findByText('No SLOs')).toBeInTheDocument();
  });

  it('shows an error from the backend', async () => {
    await render(annotatedEntity, {
      getEntitySlos: async () =>
        Promise.reject(new Error('SLO backend unavailable')),
    });
    expect(
      (await screen.findAllByText(/SLO backend unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});
