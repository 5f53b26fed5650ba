import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen } from '@testing-library/react';
import { fakeApi } from '../../__testUtils__/testData';
import { renderCard } from '../../__testUtils__/renderCard';

// A file of its own: permission answers are cached for the whole test file.
describe('EntityDeploymentsCard without the rollback permission', () => {
  it('hides rollback without the permission', async () => {
    await renderCard(fakeApi(), AuthorizeResult.DENY);
    expect(await screen.findByText('production')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Roll back/ })).toBeNull();
  });
});
