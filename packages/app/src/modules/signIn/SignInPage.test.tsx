import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { configApiRef } from '@backstage/core-plugin-api';
import { screen } from '@testing-library/react';
import { OpsdeckSignInPage } from './SignInPage';

async function renderWith(data: object) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          configApiRef,
          mockApis.config({ data: { app: { title: 'Test' }, ...data } }),
        ],
      ]}
    >
      <OpsdeckSignInPage onSignInSuccess={jest.fn()} />
    </TestApiProvider>,
  );
}

describe('OpsdeckSignInPage', () => {
  it('offers guest sign-in in the demo', async () => {
    await renderWith({ opsdeck: { demo: { enabled: true } } });
    expect(await screen.findByText('Guest')).toBeInTheDocument();
    expect(screen.queryByText('GitHub')).not.toBeInTheDocument();
  });

  it('offers GitHub sign-in and no guest everywhere else', async () => {
    await renderWith({ opsdeck: { demo: { enabled: false } } });
    expect(await screen.findByText('GitHub')).toBeInTheDocument();
    expect(screen.queryByText('Guest')).not.toBeInTheDocument();
  });
});
