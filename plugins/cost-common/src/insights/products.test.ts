import { matchProduct, normalizeProductKey } from './products';

describe('matchProduct', () => {
  const names = ['Virtual Machines', 'Object Storage', 'Managed PostgreSQL'];

  it('normalizes keys to lower-case letters and digits', () => {
    expect(normalizeProductKey('cloudStorage')).toBe('cloudstorage');
    expect(normalizeProductKey('Cloud Storage')).toBe('cloudstorage');
    expect(normalizeProductKey('cloud-storage_2')).toBe('cloudstorage2');
    expect(normalizeProductKey('../')).toBe('');
  });

  it('prefers a FOCUS ServiceCategory, then matches ServiceNames', () => {
    expect(matchProduct('compute', names)).toEqual({
      column: 'ServiceCategory',
      values: ['Compute'],
    });
    expect(matchProduct('aiAndMachineLearning', names)).toEqual({
      column: 'ServiceCategory',
      values: ['AI and Machine Learning'],
    });
    expect(matchProduct('virtualMachines', names)).toEqual({
      column: 'ServiceName',
      values: ['Virtual Machines'],
    });
    expect(matchProduct('managed-postgresql', names)).toEqual({
      column: 'ServiceName',
      values: ['Managed PostgreSQL'],
    });
  });

  it('matches nothing for an unknown key', () => {
    expect(matchProduct('bigQuery', names)).toEqual({
      column: 'ServiceName',
      values: [],
    });
  });
});
