import {
  CPU_QUANTITY,
  MEMORY_QUANTITY,
  cpuMillicores,
  formatCpu,
  formatMemory,
  memoryBytes,
} from './quantities';

describe('quantities', () => {
  it.each([
    ['250m', 250],
    ['0.5', 500],
    ['2', 2000],
    ['1.125', 1125],
  ])('CPU %s is %d millicores', (text, millicores) => {
    expect(CPU_QUANTITY.test(text)).toBe(true);
    expect(cpuMillicores(text)).toBe(millicores);
  });

  it.each([
    ['128Mi', 128 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['500M', 500e6],
    ['1024', 1024],
  ])('memory %s is %d bytes', (text, bytes) => {
    expect(MEMORY_QUANTITY.test(text)).toBe(true);
    expect(memoryBytes(text)).toBe(bytes);
  });

  it.each(['', '1.5m', '-1', '1e3', '0x10', '1 m', 'm', '1.2345'])(
    'rejects CPU %j',
    text => {
      expect(CPU_QUANTITY.test(text)).toBe(false);
      expect(cpuMillicores(text)).toBeNaN();
    },
  );

  it.each(['', '1.5Gi', '-1Mi', '1mi', '1MB', '01Mi', 'Mi'])(
    'rejects memory %j',
    text => {
      expect(MEMORY_QUANTITY.test(text)).toBe(false);
    },
  );

  it('formats sums in the largest exact unit', () => {
    expect(formatCpu(1400)).toBe('1400m');
    expect(formatCpu(7000)).toBe('7');
    expect(formatMemory(14 * 256 * 2 ** 20)).toBe('3584Mi');
    expect(formatMemory(4 * 2 ** 30)).toBe('4Gi');
    expect(formatMemory(500e6 * 3)).toBe('1500000000');
  });
});
