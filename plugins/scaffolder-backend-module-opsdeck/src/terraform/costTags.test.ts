import { COST_ALLOCATION_TAGS } from '@opsdeck/plugin-cost-common';
import fc from 'fast-check';
import { costTags, sanitizeGcpLabelValue } from './costTags';

const values = {
  component: 'checkout',
  owner: 'Platform.Team',
  system: 'shop',
  environment: 'prod',
};

describe('cost tags', () => {
  it('uses the keys of @opsdeck/plugin-cost-common, values unchanged on AWS and Azure', () => {
    for (const cloud of ['aws', 'azure'] as const) {
      expect(Object.fromEntries(costTags(cloud, values))).toEqual({
        [COST_ALLOCATION_TAGS.component]: 'checkout',
        [COST_ALLOCATION_TAGS.owner]: 'Platform.Team',
        [COST_ALLOCATION_TAGS.system]: 'shop',
        [COST_ALLOCATION_TAGS.environment]: 'prod',
      });
    }
  });

  it('sanitises values on Google Cloud', () => {
    expect(
      Object.fromEntries(costTags('gcp', values))[COST_ALLOCATION_TAGS.owner],
    ).toBe('platform_team');
  });

  it('keeps the cost tag keys valid as Google Cloud label keys', () => {
    for (const key of Object.values(COST_ALLOCATION_TAGS)) {
      expect(key).toMatch(/^[a-z][a-z0-9_-]{0,62}$/);
    }
  });

  it('always yields a valid Google Cloud label value', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), value => {
        expect(sanitizeGcpLabelValue(value)).toMatch(/^[a-z0-9_-]{0,63}$/);
      }),
      { numRuns: 2000 },
    );
  });
});
