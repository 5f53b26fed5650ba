import { addDays } from '@opsdeck/plugin-cost-common';
import {
  dateTicks,
  LABEL_GAP,
  tickWidth,
  ticksFit,
  valueTicks,
} from './chartTicks';
import { DEFAULT_WIDTH, FONT_SIZE, plotWidthOf } from './DailyCostChart';

const PLOT_WIDTH = plotWidthOf(DEFAULT_WIDTH);

/** `n` days ending on `last`. */
function days(n: number, last = '2026-11-20'): string[] {
  return Array.from({ length: n }, (_, i) => addDays(last, i - n + 1));
}

/** Smallest free space between two consecutive labels, in chart units. */
function smallestGap(dates: string[]) {
  const ticks = dateTicks(dates, PLOT_WIDTH, FONT_SIZE);
  const column = PLOT_WIDTH / dates.length;
  let gap = Infinity;
  for (let i = 1; i < ticks.length; i++) {
    const distance = (ticks[i].index - ticks[i - 1].index) * column;
    const halfWidths =
      (tickWidth(ticks[i], FONT_SIZE) + tickWidth(ticks[i - 1], FONT_SIZE)) / 2;
    gap = Math.min(gap, distance - halfWidths);
  }
  return gap;
}

describe('dateTicks', () => {
  it('labels every day of a week', () => {
    const ticks = dateTicks(days(7), PLOT_WIDTH, FONT_SIZE);
    expect(ticks.map(t => t.label)).toEqual([
      'Nov 14',
      'Nov 15',
      'Nov 16',
      'Nov 17',
      'Nov 18',
      'Nov 19',
      'Nov 20',
    ]);
    expect(smallestGap(days(7))).toBeGreaterThanOrEqual(LABEL_GAP);
  });

  it('labels the Mondays of 30 days', () => {
    const dates = days(30);
    const ticks = dateTicks(dates, PLOT_WIDTH, FONT_SIZE);
    // 2026-10-22 to 2026-11-20: the Mondays are Oct 26, Nov 2, 9 and 16.
    expect(ticks.map(t => t.label)).toEqual([
      'Oct 26',
      'Nov 2',
      'Nov 9',
      'Nov 16',
    ]);
    expect(ticks.map(t => dates[t.index])).toEqual([
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
    ]);
    expect(smallestGap(dates)).toBeGreaterThanOrEqual(LABEL_GAP);
  });

  it('labels the months of 366 days, with the year under the first and January', () => {
    const dates = days(366);
    const ticks = dateTicks(dates, PLOT_WIDTH, FONT_SIZE);
    expect(ticks.map(t => (t.year ? `${t.label} ${t.year}` : t.label))).toEqual(
      [
        'Dec 2025',
        'Jan 2026',
        'Feb',
        'Mar',
        'Apr',
        'May',
        'Jun',
        'Jul',
        'Aug',
        'Sep',
        'Oct',
        'Nov',
      ],
    );
    expect(ticks.every(t => dates[t.index].endsWith('-01'))).toBe(true);
    expect(smallestGap(dates)).toBeGreaterThanOrEqual(LABEL_GAP);
  });

  it('never overlaps, from 1 to 400 days, at every chart width', () => {
    // The narrowest chart, a phone, the default, a wide screen.
    const widths = [240, 400, DEFAULT_WIDTH, 1600].map(plotWidthOf);
    for (const last of ['2026-11-20', '2026-03-01', '2025-12-31']) {
      for (let n = 1; n <= 400; n++) {
        const dates = days(n, last);
        for (const plotWidth of widths) {
          const ticks = dateTicks(dates, plotWidth, FONT_SIZE);
          expect(ticks.length).toBeGreaterThanOrEqual(1);
          // Each label at least LABEL_GAP pixels from the next.
          expect(ticksFit(ticks, plotWidth / n, FONT_SIZE)).toBe(true);
        }
      }
    }
  });

  it('labels at least two days from two days on, at the default width', () => {
    for (let n = 2; n <= 400; n++) {
      expect(
        dateTicks(days(n), PLOT_WIDTH, FONT_SIZE).length,
      ).toBeGreaterThanOrEqual(2);
    }
  });

  it('has no labels without days', () => {
    expect(dateTicks([], PLOT_WIDTH, FONT_SIZE)).toEqual([]);
  });
});

describe('valueTicks', () => {
  it('steps by round values up to at least the maximum', () => {
    expect(valueTicks(94.08)).toEqual([0, 25, 50, 75, 100]);
    expect(valueTicks(292.22)).toEqual([0, 100, 200, 300]);
    expect(valueTicks(1234)).toEqual([0, 500, 1000, 1500]);
    expect(valueTicks(100)).toEqual([0, 25, 50, 75, 100]);
    expect(valueTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(valueTicks(0)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});
