import {
  incidentNoteRequestSchema,
  triggerIncidentRequestSchema,
} from './incidents';

const valid = {
  entityRef: 'component:default/checkout',
  title: 'Checkout returns 500',
  severity: 'critical',
};

describe('incident request schemas', () => {
  // Bad input tried: a right-to-left override, an isolate, a zero-width
  // space, a word joiner and a byte order mark in titles, descriptions and
  // notes.
  it.each([
    ['a right-to-left override', 'Refund \u202Eevil\u202C done'],
    ['a first-strong isolate', 'deploy \u2068x\u2069'],
    ['a zero-width space', 'check\u200Bout'],
    ['a word joiner', 'check\u2060out'],
    ['a byte order mark', 'check\uFEFFout'],
  ])('refuses %s', (_, text) => {
    const message = /bidirectional control characters/;
    const title = triggerIncidentRequestSchema.safeParse({
      ...valid,
      title: text,
    });
    expect(title.success).toBe(false);
    expect(title.error?.issues[0].message).toMatch(message);
    const description = triggerIncidentRequestSchema.safeParse({
      ...valid,
      description: text,
    });
    expect(description.success).toBe(false);
    const note = incidentNoteRequestSchema.safeParse({ text });
    expect(note.success).toBe(false);
    expect(note.error?.issues[0].message).toMatch(message);
  });

  it('keeps the joiners and marks that scripts and emoji need', () => {
    for (const title of [
      'می\u200Cخواهم پرداخت',
      'क्\u200Dष outage',
      'family 👨\u200D👩\u200D👧 page',
      'עברית \u200F(RTL) ok',
    ]) {
      expect(
        triggerIncidentRequestSchema.safeParse({ ...valid, title }).success,
      ).toBe(true);
    }
  });
});
