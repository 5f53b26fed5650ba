import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { LinkedIncidentsMarker } from './LinkedIncidentsMarker';

describe('LinkedIncidentsMarker', () => {
  it.each([
    [1, '· 1 incident', 'Linked to 1 incident: counts as a change failure'],
    [3, '· 3 incidents', 'Linked to 3 incidents: counts as a change failure'],
  ])('marks a deployment with %p linked incidents', async (n, text, title) => {
    await renderInTestApp(<LinkedIncidentsMarker incidents={n} />);
    expect(screen.getByText(text)).toHaveAttribute('title', title);
  });

  it.each([undefined, 0])('shows nothing for %p incidents', async n => {
    await renderInTestApp(
      <div data-testid="cell">
        <LinkedIncidentsMarker incidents={n} />
      </div>,
    );
    expect(screen.getByTestId('cell')).toBeEmptyDOMElement();
  });
});
