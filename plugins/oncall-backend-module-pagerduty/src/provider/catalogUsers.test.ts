import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { OnCallLevels } from '@opsdeck/plugin-oncall-node';
import { linkCatalogUsers } from './catalogUsers';

const user = (name: string, email?: string, namespace = 'default'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace },
  spec: { profile: email ? { email } : {} },
});

const shift = (name: string, email?: string) => ({
  user: { displayName: name, ...(email ? { email } : {}) },
  start: '2026-03-10T00:00:00.000Z',
  end: '2026-03-11T00:00:00.000Z',
});

const levels: OnCallLevels = [
  {
    level: 1,
    delayMinutes: 0,
    now: [shift('Alice', 'ALICE@example.com'), shift('Nobody')],
    next: [shift('Bob', 'bob@example.com'), shift('Twin', 'twin@example.com')],
  },
  {
    level: 2,
    delayMinutes: 15,
    now: [shift('Stranger', 'stranger@example.com')],
    next: [],
  },
];

describe('linkCatalogUsers', () => {
  it('links users by profile email, case-insensitively, in any namespace', async () => {
    const catalog = catalogServiceMock({
      entities: [
        user('alice', 'alice@Example.com'),
        user('bob', 'bob@example.com', 'contractors'),
        user('twin-a', 'twin@example.com'),
        user('twin-b', 'twin@example.com'),
        user('no-email'),
      ],
    });
    const linked = await linkCatalogUsers(
      levels,
      catalog,
      mockCredentials.user(),
    );
    expect(linked[0].now.map(s => s.user.userRef)).toEqual([
      'user:default/alice',
      undefined,
    ]);
    // bad inputs: an email two Users share, a person without email, an email
    // no catalog User has
    expect(linked[0].next.map(s => s.user.userRef)).toEqual([
      'user:contractors/bob',
      undefined,
    ]);
    expect(linked[1].now[0].user).toEqual({
      displayName: 'Stranger',
      email: 'stranger@example.com',
    });
  });

  it('asks nothing of the catalog when nobody has an email', async () => {
    const catalog = catalogServiceMock({ entities: [] });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    const none: OnCallLevels = [
      { level: 1, delayMinutes: 0, now: [shift('Nobody')], next: [] },
    ];
    expect(await linkCatalogUsers(none, catalog, mockCredentials.user())).toBe(
      none,
    );
    expect(getEntities).not.toHaveBeenCalled();
  });
});
