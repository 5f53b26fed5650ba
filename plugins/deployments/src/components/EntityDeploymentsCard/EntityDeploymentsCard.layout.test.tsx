import { act, screen, within } from '@testing-library/react';
import { fakeApi, summary } from '../../__testUtils__/testData';
import { renderCard } from '../../__testUtils__/renderCard';

/**
 * The browser's ResizeObserver, reporting a fixed content width for every
 * observed element (jsdom lays nothing out, so it has none of its own).
 */
function observeWidth(width: number) {
  (window as any).ResizeObserver = class {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      this.callback(
        [{ target, contentRect: { width } } as ResizeObserverEntry],
        this as unknown as ResizeObserver,
      );
    }
    unobserve() {}
    disconnect() {}
  };
}

/** The running version, time, actor and run link folded into a row's cells. */
function expectFolded(row: HTMLElement) {
  expect(within(row).getByText('running 1.4.2')).toBeInTheDocument();
  expect(
    within(row).getByText(
      (_, element) =>
        element?.tagName === 'DIV' &&
        /^\d.* ago · bob · run/.test(element.textContent ?? ''),
    ),
  ).toBeInTheDocument();
  expect(within(row).getByRole('link', { name: /^run\b/ })).toHaveAttribute(
    'href',
    'https://ci.example.com/runs/1',
  );
}

const headers = () =>
  screen.getAllByRole('columnheader').map(h => h.textContent);

describe('EntityDeploymentsCard layout', () => {
  afterEach(() => {
    delete (window as any).ResizeObserver;
  });

  it('keeps status labels and times on one line', async () => {
    await renderCard(fakeApi());
    expect(await screen.findByText('In progress')).toHaveStyle({
      whiteSpace: 'nowrap',
    });
    expect(screen.getByText('Succeeded')).toHaveStyle({
      whiteSpace: 'nowrap',
    });
    const when = screen.getAllByText(/ ago$/)[0];
    expect(when).toHaveStyle({ whiteSpace: 'nowrap' });
  });

  it('shows every column when the card is wide', async () => {
    observeWidth(1300);
    await renderCard(fakeApi());
    await screen.findByText('production');
    expect(headers()).toEqual([
      'Environment',
      'Running',
      'Latest',
      'When',
      'By',
      'Run',
      'Rollout',
      '',
    ]);
  });

  it('folds running version, time, actor and run into two columns at half width, keeping the rollout column', async () => {
    observeWidth(720);
    await renderCard(fakeApi());
    await screen.findByText('production');
    expect(headers()).toEqual(['Environment', 'Latest', 'Rollout', '']);
    const production = screen.getByText('production').closest('tr')!;
    expectFolded(production);
    const cells = within(production).getAllByRole('cell');
    expect(
      within(cells[2]).getByLabelText('1.5.0 at 25% of traffic'),
    ).toHaveAttribute('aria-valuenow', '25');
    expect(
      within(cells[3]).getByRole('button', {
        name: 'Roll back 1.4.2 in production',
      }),
    ).toBeInTheDocument();
  });

  it('puts the rollout under the latest deployment and the rollback under the environment when narrower', async () => {
    observeWidth(520);
    await renderCard(fakeApi());
    await screen.findByText('production');
    expect(headers()).toEqual(['Environment', 'Latest']);
    const production = screen.getByText('production').closest('tr')!;
    expectFolded(production);
    const [environment, latest] = within(production).getAllByRole('cell');
    expect(
      within(environment).getByRole('button', {
        name: 'Roll back 1.4.2 in production',
      }),
    ).toBeInTheDocument();
    expect(
      within(latest).getByLabelText('1.5.0 at 25% of traffic'),
    ).toHaveAttribute('aria-valuenow', '25');
    const staging = screen.getByText('staging').closest('tr')!;
    expect(within(staging).queryByRole('progressbar')).toBeNull();
  });

  it('gives the rollout a minimum width so its bar is never squeezed away', async () => {
    observeWidth(720);
    await renderCard(fakeApi());
    const bar = await screen.findByLabelText('1.5.0 at 25% of traffic');
    expect(bar.parentElement).toHaveStyle({ minWidth: '140px' });
  });

  it('switches layout when the card is resized', async () => {
    let resize: (width: number) => void = () => {};
    (window as any).ResizeObserver = class {
      constructor(private readonly callback: ResizeObserverCallback) {}
      observe(target: Element) {
        resize = width =>
          act(() =>
            this.callback(
              [{ target, contentRect: { width } } as ResizeObserverEntry],
              this as unknown as ResizeObserver,
            ),
          );
        resize(1300);
      }
      unobserve() {}
      disconnect() {}
    };
    await renderCard(fakeApi());
    await screen.findByText('production');
    expect(headers()).toHaveLength(8);
    resize(720);
    expect(headers()).toEqual(['Environment', 'Latest', 'Rollout', '']);
    resize(1300);
    expect(headers()).toHaveLength(8);
  });

  it('leaves the rollout column out when nothing is rolling out', async () => {
    observeWidth(720);
    await renderCard(
      fakeApi({
        getSummary: async () => ({
          ...summary,
          environments: summary.environments.map(e => ({
            ...e,
            latest: e.current!,
            inFlight: undefined,
          })),
        }),
      }),
    );
    await screen.findByText('production');
    expect(headers()).toEqual(['Environment', 'Latest', '']);
  });

  it('lets the table scroll sideways when even the compact columns do not fit', async () => {
    observeWidth(300);
    await renderCard(fakeApi());
    const table = (await screen.findByText('production')).closest('table')!;
    const scroller = table.parentElement?.closest('[style*="overflow-x"]');
    expect(scroller).toHaveStyle({ overflowX: 'auto' });
    expect(
      scroller?.closest('[data-testid="deployments-card"]'),
    ).not.toBeNull();
  });
});
