import {
  INCIDENT_ID_PATTERN,
  parseIncidentId,
  qualifyIncident,
} from './incidentIds';

describe('incident ids', () => {
  it('keeps built-in ids and splits provider ids at the first colon', () => {
    expect(parseIncidentId('7b0c4f0e-2f7a-4c55-9a55-6d1e0e3b8f11')).toEqual({
      source: 'opsdeck',
      id: '7b0c4f0e-2f7a-4c55-9a55-6d1e0e3b8f11',
    });
    expect(parseIncidentId('pagerduty:Q1ABC23')).toEqual({
      source: 'provider',
      providerId: 'pagerduty',
      id: 'Q1ABC23',
    });
  });

  it('accepts only ids of the documented shape', () => {
    for (const ok of ['abc-123', 'pagerduty:Q1ABC23', 'my-provider:x']) {
      expect(INCIDENT_ID_PATTERN.test(ok)).toBe(true);
    }
    // bad inputs: traversal, two prefixes, empty parts, upper-case prefix,
    // spaces, over-long ids
    for (const bad of [
      '../etc',
      'a:b:c',
      ':abc',
      'pagerduty:',
      'PD:abc',
      'pagerduty: abc',
      'x'.repeat(65),
      `pagerduty:${'x'.repeat(65)}`,
    ]) {
      expect(INCIDENT_ID_PATTERN.test(bad)).toBe(false);
    }
  });

  it('qualifies an incident and its timeline entries', () => {
    const detail = qualifyIncident('pagerduty', {
      id: 'Q1',
      source: 'pagerduty',
      entityRef: 'component:default/checkout',
      title: 't',
      severity: 'error' as const,
      urgency: 'high' as const,
      status: 'triggered' as const,
      createdBy: 'pagerduty',
      createdAt: '2026-03-10T09:30:00.000Z',
      timeline: [
        {
          id: 'L1',
          incidentId: 'Q1',
          at: '2026-03-10T09:30:00.000Z',
          author: 'pagerduty',
          type: 'state' as const,
          status: 'triggered' as const,
        },
      ],
    });
    expect(detail.id).toBe('pagerduty:Q1');
    expect(detail.timeline[0].incidentId).toBe('pagerduty:Q1');
  });
});
