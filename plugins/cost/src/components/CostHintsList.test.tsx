import { InfoCard } from '@backstage/core-components';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { CostHintsList } from './CostHintsList';

describe('CostHintsList', () => {
  it('lets long details wrap inside the card', async () => {
    const detail =
      'GPU Instances billed with no consumed quantity over the period: stop or delete it if unused.';
    await renderInTestApp(
      <InfoCard title="Hints">
        <CostHintsList
          hints={[
            {
              kind: 'idle-resource',
              title:
                'Idle resource arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc',
              detail,
              amount: 2056.29,
              estimatedSaving: 2056.29,
              currency: 'EUR',
              subject: 'gpu-recs-1',
            },
          ]}
        />
      </InfoCard>,
    );
    expect(
      screen.getByText(/Idle resource .*: €2,056.29 \(save about €2,056.29\)/),
    ).toBeInTheDocument();
    // No element between the text and the page keeps it on one line (the
    // theme makes dense list items `white-space: nowrap`).
    for (const text of [screen.getByText(detail), screen.getByText(/^Idle/)]) {
      for (let el: HTMLElement | null = text; el; el = el.parentElement) {
        expect(getComputedStyle(el).whiteSpace).not.toBe('nowrap');
      }
    }
  });

  it('says when there are no hints', async () => {
    await renderInTestApp(<CostHintsList hints={[]} />);
    expect(
      screen.getByText('No rightsizing or waste hints for this period.'),
    ).toBeInTheDocument();
  });
});
