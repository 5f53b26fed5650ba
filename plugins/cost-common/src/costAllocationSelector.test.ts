import {
  defaultCostAllocationSelector,
  parseCostAllocationSelector,
} from './costAllocationSelector';

describe('cost allocation selectors', () => {
  it('parses tag=value pairs', () => {
    expect(
      parseCostAllocationSelector('team=search, backstage-environment=prod'),
    ).toEqual([
      { key: 'team', value: 'search' },
      { key: 'backstage-environment', value: 'prod' },
    ]);
  });

  it.each(['', ',', 'team', 'a=b=c', '=x', 'a b=c'])('rejects %j', text => {
    expect(() => parseCostAllocationSelector(text)).toThrow();
  });

  it('defaults by kind', () => {
    expect(defaultCostAllocationSelector('Component', 'x')).toEqual([
      { key: 'backstage-component', value: 'x' },
    ]);
    expect(defaultCostAllocationSelector('System', 'shop')).toEqual([
      { key: 'backstage-system', value: 'shop' },
    ]);
    expect(defaultCostAllocationSelector('Group', 'web-team')).toEqual([
      { key: 'backstage-owner', value: 'web-team' },
    ]);
  });
});
