import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ResponseError } from '@backstage/errors';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { OnCallResponse } from '@opsdeck/plugin-oncall-common';
import { DefaultEntityPresentationApi } from '@backstage/plugin-catalog';
import { entityPresentationApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { OnCallApi } from '../../api/OnCallApi';
import {
  fakeOnCallApi,
  findSome,
  openIncident,
  renderForEntity,
} from '../__testUtils__';
import { EntityOnCallCard } from './EntityOnCallCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default' },
  spec: { owner: 'checkout-team' },
};

const onCall: OnCallResponse = {
  entityRef: 'component:default/checkout-service',
  configured: true,
  provider: 'rotation',
  rotationEntityRef: 'group:default/checkout-team',
  levels: [
    {
      level: 1,
      delayMinutes: 0,
      now: [
        {
          user: {
            userRef: 'user:default/alan.turing',
            displayName: 'Alan Turing',
            email: 'alan@example.com',
          },
          start: '2026-01-05T15:00:00.000Z',
          end: '2026-01-06T15:00:00.000Z',
          schedule: 'primary',
        },
      ],
      next: [
        {
          user: {
            userRef: 'user:default/katherine.johnson',
            displayName: 'Katherine Johnson',
          },
          start: '2026-01-06T15:00:00.000Z',
          end: '2026-01-07T15:00:00.000Z',
        },
      ],
    },
    { level: 2, delayMinutes: 10, now: [], next: [] },
  ],
};

function render(
  api: OnCallApi,
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  return renderForEntity(<EntityOnCallCard />, { api, entity, permission });
}

jest.setTimeout(20_000);

describe('EntityOnCallCard', () => {
  it('shows progress while loading', async () => {
    await render(
      fakeOnCallApi({ getOnCall: jest.fn(() => new Promise<never>(() => {})) }),
    );
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'InputError',
          message:
            'names users that are not in the catalog: user:default/ghost',
        },
        response: { statusCode: 400 },
      }),
      { status: 400, headers: { 'content-type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response as any);
    await render(
      fakeOnCallApi({ getOnCall: jest.fn().mockRejectedValue(error) }),
    );
    expect(
      await findSome(/names users that are not in the catalog/),
    ).toBeInTheDocument();
  });

  it('explains how to add the annotation when nothing is configured', async () => {
    await render(
      fakeOnCallApi({
        getOnCall: jest
          .fn()
          .mockResolvedValue({ entityRef: 'x', configured: false, levels: [] }),
      }),
    );
    expect(await findSome(/opsdeck.io\/oncall-rotation/)).toBeInTheDocument();
  });

  it('says when the rotation has no levels', async () => {
    await render(
      fakeOnCallApi({
        getOnCall: jest.fn().mockResolvedValue({ ...onCall, levels: [] }),
      }),
    );
    expect(
      await screen.findByText('The rotation has no escalation levels.'),
    ).toBeInTheDocument();
    expect(screen.getByText('No open incidents.')).toBeInTheDocument();
  });

  it('shows now and next per level with contact links, and open incidents', async () => {
    await render(
      fakeOnCallApi({
        getOnCall: jest.fn().mockResolvedValue(onCall),
        listIncidents: jest.fn().mockResolvedValue({
          errors: [],
          items: [openIncident({ status: 'acknowledged' })],
        }),
      }),
    );
    expect(await screen.findByText('Level 1 · at once')).toBeInTheDocument();
    expect(screen.getByText('Level 2 · after 10 min')).toBeInTheDocument();
    expect(screen.getByText('Alan Turing').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/user/alan.turing',
    );
    expect(screen.getByText('alan@example.com').closest('a')).toHaveAttribute(
      'href',
      'mailto:alan@example.com',
    );
    expect(screen.getByText('Katherine Johnson')).toBeInTheDocument();
    expect(
      screen.getByText('Nobody is on call at this level right now.'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/group:default/)).not.toBeInTheDocument();
    const owner = screen.getByRole('link', { name: 'checkout-team' });
    expect(owner).toHaveAttribute(
      'href',
      '/catalog/default/group/checkout-team',
    );
    expect(owner.parentElement).toHaveTextContent('Rotation of checkout-team');
    expect(screen.getByText('Payments failing')).toBeInTheDocument();
    expect(screen.getByText('Acknowledged')).toBeInTheDocument();
  });

  describe('incident links', () => {
    const incident = openIncident({
      id: 'pagerduty:Q1 AB/C',
      source: 'pagerduty',
    });
    const api = () =>
      fakeOnCallApi({
        getOnCall: jest.fn().mockResolvedValue(onCall),
        listIncidents: jest
          .fn()
          .mockResolvedValue({ errors: [], items: [incident] }),
      });

    it.each([
      ['the entity overview', '/catalog/default/component/checkout-service'],
      ['another tab', '/catalog/default/component/checkout-service/ci-cd/'],
      ['a page outside the entity', '/home/my-services'],
    ])(
      'point at the entity page incidents tab by an absolute path, on %s',
      async (_where, route) => {
        await renderForEntity(<EntityOnCallCard />, {
          api: api(),
          entity,
          route,
        });
        expect(
          (await screen.findByText('Payments failing')).closest('a'),
        ).toHaveAttribute(
          'href',
          '/catalog/default/component/checkout-service/incidents?incident=pagerduty%3AQ1%20AB%2FC',
        );
      },
    );

    it('follow the incidents path the app gives the card', async () => {
      await renderForEntity(<EntityOnCallCard incidentsPath="/on-call/" />, {
        api: api(),
        entity,
        route: '/elsewhere',
      });
      expect(
        (await screen.findByText('Payments failing')).closest('a'),
      ).toHaveAttribute(
        'href',
        '/catalog/default/component/checkout-service/on-call?incident=pagerduty%3AQ1%20AB%2FC',
      );
    });
  });

  it("names the rotation's owner by its catalog title", async () => {
    const catalogApi = catalogApiMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: {
            name: 'checkout-team',
            namespace: 'default',
            title: 'Checkout',
          },
          spec: { type: 'team', children: [] },
        },
      ],
    });
    await renderForEntity(<EntityOnCallCard />, {
      api: fakeOnCallApi({ getOnCall: jest.fn().mockResolvedValue(onCall) }),
      entity,
      apis: [
        [
          entityPresentationApiRef,
          DefaultEntityPresentationApi.create({ catalogApi }),
        ],
      ],
    });
    const owner = await screen.findByRole('link', { name: 'Checkout' });
    expect(owner).toHaveAttribute(
      'href',
      '/catalog/default/group/checkout-team',
    );
    expect(owner.parentElement).toHaveTextContent('Rotation of Checkout');
  });

  it('names a rotation the catalog does not know by its ref, without kind and default namespace', async () => {
    await renderForEntity(<EntityOnCallCard />, {
      api: fakeOnCallApi({
        getOnCall: jest.fn().mockResolvedValue({
          ...onCall,
          rotationEntityRef: 'group:platform/sre',
        }),
      }),
      entity,
      apis: [
        [
          entityPresentationApiRef,
          DefaultEntityPresentationApi.create({
            catalogApi: catalogApiMock({ entities: [] }),
          }),
        ],
      ],
    });
    const owner = await screen.findByRole('link', { name: 'platform/sre' });
    expect(owner).toHaveAttribute('href', '/catalog/platform/group/sre');
  });

  it('stays useful when incidents fail to load', async () => {
    await render(
      fakeOnCallApi({
        getOnCall: jest.fn().mockResolvedValue(onCall),
        listIncidents: jest
          .fn()
          .mockRejectedValue(new Error('incident store unavailable')),
      }),
    );
    expect(await screen.findByText('Alan Turing')).toBeInTheDocument();
    expect(await findSome(/incident store unavailable/)).toBeInTheDocument();
  });

  it('shows the incidents that could be read and what failed for the provider', async () => {
    await render(
      fakeOnCallApi({
        getOnCall: jest.fn().mockResolvedValue(onCall),
        listIncidents: jest.fn().mockResolvedValue({
          items: [
            {
              id: 'i2',
              source: 'opsdeck',
              entityRef: 'component:default/checkout-service',
              title: 'Built-in incident still shown',
              severity: 'error',
              urgency: 'high',
              status: 'triggered',
              createdBy: 'user:default/guest',
              createdAt: '2026-01-06T10:00:00.000Z',
            },
          ],
          errors: [
            {
              source: 'pagerduty',
              message:
                'Incidents from pagerduty could not be read: PagerDuty rejected the configured API token (HTTP 401)',
            },
          ],
        }),
      }),
    );
    expect(
      await screen.findByText('Built-in incident still shown'),
    ).toBeInTheDocument();
    expect(
      await findSome(/Incidents from pagerduty are missing/),
    ).toBeInTheDocument();
    expect(
      await findSome(/rejected the configured API token/),
    ).toBeInTheDocument();
    expect(screen.queryByText('No open incidents.')).not.toBeInTheDocument();
  });

  it('links PagerDuty people matched to catalog Users to their page, in their namespace', async () => {
    await render(
      fakeOnCallApi({
        getOnCall: jest.fn().mockResolvedValue({
          entityRef: 'component:default/checkout-service',
          configured: true,
          provider: 'pagerduty',
          levels: [
            {
              level: 1,
              delayMinutes: 0,
              now: [
                {
                  user: {
                    userRef: 'user:contractors/bob',
                    displayName: 'Bob Roe',
                    url: 'https://example.pagerduty.com/users/PBOB',
                  },
                  start: null,
                  end: null,
                },
              ],
              next: [
                {
                  user: {
                    displayName: 'Carol Unmatched',
                    url: 'https://example.pagerduty.com/users/PCAROL',
                  },
                  start: null,
                  end: null,
                },
              ],
            },
          ],
        }),
      }),
    );
    expect((await screen.findByText('Bob Roe')).closest('a')).toHaveAttribute(
      'href',
      '/catalog/contractors/user/bob',
    );
    expect(screen.getByText('Carol Unmatched').closest('a')).toHaveAttribute(
      'href',
      'https://example.pagerduty.com/users/PCAROL',
    );
  });

  it('triggers an incident with only the entity ref and the fields', async () => {
    const api = fakeOnCallApi({
      getOnCall: jest.fn().mockResolvedValue(onCall),
      triggerIncident: jest.fn().mockResolvedValue({}),
    });
    await render(api);
    fireEvent.click(await screen.findByText('Trigger incident'));
    fireEvent.change(screen.getByLabelText(/Title/), {
      target: { value: 'Checkout returns 500' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Trigger' }));
    await waitFor(() =>
      expect(api.triggerIncident).toHaveBeenCalledWith({
        entityRef: 'component:default/checkout-service',
        title: 'Checkout returns 500',
        description: undefined,
        severity: 'error',
        urgency: 'high',
      }),
    );
    await waitFor(() => expect(api.listIncidents).toHaveBeenCalledTimes(2));
  });

  it('shows why a trigger failed and keeps the dialog open', async () => {
    await render(
      fakeOnCallApi({
        getOnCall: jest.fn().mockResolvedValue(onCall),
        triggerIncident: jest
          .fn()
          .mockRejectedValue(
            new Error('Missing permission oncall.incident.trigger'),
          ),
      }),
    );
    fireEvent.click(await screen.findByText('Trigger incident'));
    fireEvent.change(screen.getByLabelText(/Title/), {
      target: { value: 'x' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Trigger' }));
    expect(
      await screen.findByText('Missing permission oncall.incident.trigger'),
    ).toBeInTheDocument();
  });

  it('hides the trigger button without the permission', async () => {
    await render(
      fakeOnCallApi({ getOnCall: jest.fn().mockResolvedValue(onCall) }),
      AuthorizeResult.DENY,
    );
    expect(await screen.findByText('Alan Turing')).toBeInTheDocument();
    expect(screen.queryByText('Trigger incident')).not.toBeInTheDocument();
  });

  describe('swapping a shift', () => {
    async function openDialog(api: OnCallApi) {
      await render(api);
      fireEvent.click(await screen.findByText('Swap a shift'));
      fireEvent.change(screen.getByLabelText(/Who covers/), {
        target: { value: 'user:default/katherine.johnson' },
      });
    }

    it('creates an override from the dialog and reloads who is on call', async () => {
      const api = fakeOnCallApi({
        getOnCall: jest.fn().mockResolvedValue(onCall),
        createOverride: jest.fn().mockResolvedValue({ id: 'o1' }),
      });
      await openDialog(api);
      fireEvent.change(screen.getByLabelText(/From/), {
        target: { value: '2026-03-10T09:00' },
      });
      fireEvent.change(screen.getByLabelText(/Until/), {
        target: { value: '2026-03-11T09:00' },
      });
      // the schedule select offers the rotation's schedules
      expect(screen.getByLabelText(/Schedule/)).toHaveTextContent('primary');
      fireEvent.click(screen.getByRole('button', { name: 'Swap' }));
      await waitFor(() =>
        expect(api.createOverride).toHaveBeenCalledWith({
          entityRef: 'component:default/checkout-service',
          schedule: 'primary',
          userRef: 'user:default/katherine.johnson',
          // datetime-local values are the user's local time
          start: new Date(2026, 2, 10, 9, 0).toISOString(),
          end: new Date(2026, 2, 11, 9, 0).toISOString(),
        }),
      );
      await waitFor(() => expect(api.getOnCall).toHaveBeenCalledTimes(2));
      await waitFor(() =>
        expect(screen.queryByText('Swap', { selector: 'span' })).toBeNull(),
      );
    });

    it('will not send an end before the start', async () => {
      const api = fakeOnCallApi({
        getOnCall: jest.fn().mockResolvedValue(onCall),
      });
      await openDialog(api);
      fireEvent.change(screen.getByLabelText(/From/), {
        target: { value: '2026-03-11T09:00' },
      });
      fireEvent.change(screen.getByLabelText(/Until/), {
        target: { value: '2026-03-10T09:00' },
      });
      expect(
        screen.getByText('The end must be after the start.'),
      ).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Swap' })).toBeDisabled();
      expect(api.createOverride).not.toHaveBeenCalled();
    });

    it('shows the backend reason and keeps the dialog open', async () => {
      const api = fakeOnCallApi({
        getOnCall: jest.fn().mockResolvedValue(onCall),
        createOverride: jest
          .fn()
          .mockRejectedValue(
            new Error('user:default/nobody is not a User in the catalog'),
          ),
      });
      await openDialog(api);
      fireEvent.change(screen.getByLabelText(/From/), {
        target: { value: '2026-03-10T09:00' },
      });
      fireEvent.change(screen.getByLabelText(/Until/), {
        target: { value: '2026-03-10T17:00' },
      });
      fireEvent.click(screen.getByRole('button', { name: 'Swap' }));
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'user:default/nobody is not a User in the catalog',
      );
      expect(screen.getByRole('button', { name: 'Swap' })).toBeInTheDocument();
    });

    it('hides the swap button without the override permission', async () => {
      await render(
        fakeOnCallApi({ getOnCall: jest.fn().mockResolvedValue(onCall) }),
        AuthorizeResult.DENY,
      );
      expect(await screen.findByText('Alan Turing')).toBeInTheDocument();
      expect(screen.queryByText('Swap a shift')).not.toBeInTheDocument();
    });

    it('offers no swap for on-call from a provider', async () => {
      await render(
        fakeOnCallApi({
          getOnCall: jest
            .fn()
            .mockResolvedValue({ ...onCall, provider: 'pagerduty' }),
        }),
      );
      expect(await screen.findByText('From pagerduty')).toBeInTheDocument();
      expect(screen.getByText('Trigger incident')).toBeInTheDocument();
      expect(screen.queryByText('Swap a shift')).not.toBeInTheDocument();
    });
  });

  it('stays useful when the on-call provider fails: error, incidents, trigger', async () => {
    await render(
      fakeOnCallApi({
        getOnCall: jest
          .fn()
          .mockRejectedValue(
            new Error(
              'PagerDuty rejected the configured API token for GET /services/{id} (HTTP 401)',
            ),
          ),
        listIncidents: jest.fn().mockResolvedValue({ items: [], errors: [] }),
      }),
    );
    expect(
      await findSome(/PagerDuty rejected the configured API token/),
    ).toBeInTheDocument();
    expect(await screen.findByText('No open incidents.')).toBeInTheDocument();
    expect(screen.getByText('Trigger incident')).toBeInTheDocument();
  });
});
