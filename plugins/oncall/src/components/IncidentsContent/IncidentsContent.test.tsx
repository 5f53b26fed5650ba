import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { IncidentDetail } from '@opsdeck/plugin-oncall-common';
import { OnCallApi } from '../../api/OnCallApi';
import { fakeOnCallApi, findSome, renderForEntity } from '../__testUtils__';
import { IncidentsContent } from './IncidentsContent';
import { Link, Route, Routes, useLocation } from 'react-router-dom';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'search-service', namespace: 'default' },
  spec: {},
};

const incident: IncidentDetail = {
  id: 'i1',
  source: 'opsdeck',
  entityRef: 'component:default/search-service',
  title: 'Search latency high',
  description: 'p99 at 2.4 s',
  severity: 'error',
  urgency: 'high',
  status: 'triggered',
  assigneeRef: 'user:default/barbara.liskov',
  createdBy: 'user:default/edsger.dijkstra',
  createdAt: '2026-01-06T10:00:00.000Z',
  timeline: [
    {
      id: '1',
      incidentId: 'i1',
      at: '2026-01-06T10:00:00.000Z',
      author: 'user:default/edsger.dijkstra',
      type: 'state',
      status: 'triggered',
    },
    {
      id: '2',
      incidentId: 'i1',
      at: '2026-01-06T10:00:01.000Z',
      author: 'oncall',
      type: 'note',
      text: 'Notified user:default/barbara.liskov.',
    },
  ],
};

function render(
  api: OnCallApi,
  route = '/',
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  return renderForEntity(<IncidentsContent />, {
    api,
    entity,
    permission,
    route,
  });
}

function LocationShown() {
  const location = useLocation();
  return <p>at {location.pathname + location.search}</p>;
}

jest.setTimeout(20_000);

describe('IncidentsContent', () => {
  it('shows progress while loading', async () => {
    await render(
      fakeOnCallApi({
        listIncidents: jest.fn(() => new Promise<never>(() => {})),
      }),
    );
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows an error', async () => {
    await render(
      fakeOnCallApi({
        listIncidents: jest.fn().mockRejectedValue(new Error('store down')),
      }),
    );
    expect((await screen.findAllByText(/store down/)).length).toBeGreaterThan(
      0,
    );
  });

  it('lists what could be read and names the source that failed', async () => {
    await render(
      fakeOnCallApi({
        listIncidents: jest.fn().mockResolvedValue({
          items: [incident],
          errors: [
            {
              source: 'pagerduty',
              message:
                'Incidents from pagerduty could not be read: PagerDuty answered HTTP 503 for GET /incidents after 3 attempts',
            },
          ],
        }),
      }),
    );
    expect(await screen.findByText('Search latency high')).toBeInTheDocument();
    expect(
      (await screen.findAllByText(/Incidents from pagerduty are missing/))
        .length,
    ).toBeGreaterThan(0);
  });

  it('shows a failed source even when no incident could be read', async () => {
    await render(
      fakeOnCallApi({
        listIncidents: jest.fn().mockResolvedValue({
          items: [],
          errors: [{ source: 'pagerduty', message: 'PagerDuty is down' }],
        }),
      }),
    );
    expect(
      (await screen.findAllByText(/Incidents from pagerduty are missing/))
        .length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('No incidents')).not.toBeInTheDocument();
  });

  it('shows a PagerDuty incident with a link to it, acknowledges it by its qualified id, and sends notes to PagerDuty', async () => {
    const pagerDutyIncident = {
      ...incident,
      id: 'pagerduty:PINC1',
      source: 'pagerduty',
      status: 'triggered' as const,
      url: 'https://example.pagerduty.com/incidents/PINC1',
      timeline: [],
    };
    const api = fakeOnCallApi({
      listIncidents: jest
        .fn()
        .mockResolvedValue({ items: [pagerDutyIncident], errors: [] }),
      getIncident: jest.fn().mockResolvedValue(pagerDutyIncident),
      acknowledgeIncident: jest.fn().mockResolvedValue(pagerDutyIncident),
    });
    await render(api, '/?incident=pagerduty%3APINC1');
    expect(
      (await screen.findByText('Open in pagerduty')).closest('a'),
    ).toHaveAttribute('href', 'https://example.pagerduty.com/incidents/PINC1');
    expect(
      screen.getByText('Notes on pagerduty incidents are added in pagerduty.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('textbox', { name: 'Add a note' }),
    ).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() =>
      expect(api.acknowledgeIncident).toHaveBeenCalledWith('pagerduty:PINC1'),
    );
  });

  it('shows an empty state', async () => {
    await render(fakeOnCallApi());
    expect(await screen.findByText('No incidents')).toBeInTheDocument();
  });

  it('lists incidents and opens the detail with its timeline', async () => {
    const api = fakeOnCallApi({
      listIncidents: jest
        .fn()
        .mockResolvedValue({ items: [incident], errors: [] }),
      getIncident: jest.fn().mockResolvedValue(incident),
    });
    await render(api);
    fireEvent.click(await screen.findByText('Search latency high'));
    expect(
      await screen.findByText('Notified user:default/barbara.liskov.'),
    ).toBeInTheDocument();
    expect(screen.getByText('p99 at 2.4 s')).toBeInTheDocument();
    expect(api.getIncident).toHaveBeenCalledWith('i1');
    expect(screen.queryByText(/caused by deployment/)).not.toBeInTheDocument();
  });

  it('stays on the page the user went to when they leave right after selecting an incident', async () => {
    // The table reports a row click only after its double-click window; by
    // then the user may have opened another tab of the entity page.
    const api = fakeOnCallApi({
      listIncidents: jest
        .fn()
        .mockResolvedValue({ items: [incident], errors: [] }),
      getIncident: jest.fn().mockResolvedValue(incident),
    });
    await renderForEntity(
      <Routes>
        <Route
          path="/incidents"
          element={
            <>
              <IncidentsContent />
              <Link to="/cost">Cost tab</Link>
            </>
          }
        />
        <Route path="/cost" element={<LocationShown />} />
      </Routes>,
      { api, entity, route: '/incidents' },
    );
    fireEvent.click(await screen.findByText('Search latency high'));
    fireEvent.click(screen.getByText('Cost tab'));
    expect(await screen.findByText('at /cost')).toBeInTheDocument();

    await new Promise(resolve => setTimeout(resolve, 500));
    expect(screen.getByText('at /cost')).toBeInTheDocument();
    expect(screen.queryByText('Search latency high')).not.toBeInTheDocument();
    expect(api.getIncident).not.toHaveBeenCalled();
  });

  it('names the deployment that caused the incident', async () => {
    const linked: IncidentDetail = {
      ...incident,
      deployment: { environment: 'production', version: '2.3.1' },
    };
    const api = fakeOnCallApi({
      listIncidents: jest
        .fn()
        .mockResolvedValue({ items: [linked], errors: [] }),
      getIncident: jest.fn().mockResolvedValue(linked),
    });
    await render(api);
    fireEvent.click(await screen.findByText('Search latency high'));
    expect(
      await screen.findByText(/caused by deployment 2\.3\.1 in production/),
    ).toBeInTheDocument();
  });

  it('acknowledges, resolves and adds notes when allowed', async () => {
    const api = fakeOnCallApi({
      listIncidents: jest
        .fn()
        .mockResolvedValue({ items: [incident], errors: [] }),
      getIncident: jest.fn().mockResolvedValue(incident),
      acknowledgeIncident: jest.fn().mockResolvedValue(incident),
      addIncidentNote: jest.fn().mockResolvedValue(incident),
    });
    await render(api, '/?incident=i1');
    fireEvent.click(await screen.findByRole('button', { name: 'Acknowledge' }));
    await waitFor(() =>
      expect(api.acknowledgeIncident).toHaveBeenCalledWith('i1'),
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'Add a note' }), {
      target: { value: 'Rolling back "v2" $(now)' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() =>
      expect(api.addIncidentNote).toHaveBeenCalledWith(
        'i1',
        'Rolling back "v2" $(now)',
      ),
    );
    expect(screen.getByRole('button', { name: 'Resolve' })).toBeInTheDocument();
  });

  it('links a resolved incident to the post-incident review template, prefilled', async () => {
    const resolved = {
      ...incident,
      status: 'resolved' as const,
      resolvedAt: '2026-01-06T11:00:00.000Z',
    };
    await render(
      fakeOnCallApi({
        listIncidents: jest
          .fn()
          .mockResolvedValue({ items: [resolved], errors: [] }),
        getIncident: jest.fn().mockResolvedValue(resolved),
      }),
      '/?incident=i1',
    );
    const link = (
      await screen.findByText('Write the post-incident review')
    ).closest('a')!;
    const url = new URL(link.getAttribute('href')!, 'http://localhost');
    expect(url.pathname).toBe('/create/templates/default/post-incident-review');
    expect(JSON.parse(url.searchParams.get('formData')!)).toMatchObject({
      incidentId: 'i1',
      resolvedAt: '2026-01-06T11:00:00.000Z',
      timeline: [
        {
          at: '2026-01-06T10:00:00.000Z',
          entry: 'Triggered by edsger.dijkstra',
        },
        {
          at: '2026-01-06T10:00:01.000Z',
          entry: 'oncall: Notified user:default/barbara.liskov.',
        },
      ],
    });
  });

  it('shows the detail error for an unknown incident', async () => {
    await render(
      fakeOnCallApi({
        listIncidents: jest
          .fn()
          .mockResolvedValue({ items: [incident], errors: [] }),
        getIncident: jest
          .fn()
          .mockRejectedValue(new Error('Incident nope not found')),
      }),
      '/?incident=nope',
    );
    expect(await findSome(/Incident nope not found/)).toBeInTheDocument();
  });

  it('hides the actions without permissions', async () => {
    await render(
      fakeOnCallApi({
        listIncidents: jest
          .fn()
          .mockResolvedValue({ items: [incident], errors: [] }),
        getIncident: jest.fn().mockResolvedValue(incident),
      }),
      '/?incident=i1',
      AuthorizeResult.DENY,
    );
    expect(
      await screen.findByText('Notified user:default/barbara.liskov.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Acknowledge' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Resolve' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('textbox', { name: 'Add a note' }),
    ).not.toBeInTheDocument();
  });

  it("names each incident's entity on a Group's page, linking to it", async () => {
    const team: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'search-team', namespace: 'default' },
      spec: { type: 'team', children: [] },
    };
    const api = fakeOnCallApi({
      listIncidents: jest.fn().mockResolvedValue({
        errors: [],
        items: [
          incident,
          {
            ...incident,
            id: 'i2',
            entityRef: 'group:default/search-team',
            title: 'Team paged',
          },
        ],
      }),
    });
    await renderForEntity(<IncidentsContent />, { api, entity: team });
    expect(await screen.findByText('Team paged')).toBeInTheDocument();
    expect(api.listIncidents).toHaveBeenCalledWith({
      entityRef: 'group:default/search-team',
    });
    expect(
      screen.getByRole('columnheader', { name: 'Entity' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'search-service' }),
    ).toHaveAttribute('href', '/catalog/default/component/search-service');
    expect(
      screen.getByRole('link', { name: 'group:search-team' }),
    ).toHaveAttribute('href', '/catalog/default/group/search-team');
  });

  it('has no entity column on a Component page', async () => {
    await render(
      fakeOnCallApi({
        listIncidents: jest
          .fn()
          .mockResolvedValue({ errors: [], items: [incident] }),
      }),
    );
    expect(await screen.findByText('Search latency high')).toBeInTheDocument();
    expect(
      screen.queryByRole('columnheader', { name: 'Entity' }),
    ).not.toBeInTheDocument();
  });
});
