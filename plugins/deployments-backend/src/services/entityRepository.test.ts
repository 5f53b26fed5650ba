import { Entity } from '@backstage/catalog-model';
import {
  repositoryOfEntity,
  repositoryOfLocation,
  sameRepository,
} from './entityRepository';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'x', annotations },
  };
}

describe('repositoryOfLocation', () => {
  it.each([
    [
      'url:https://github.com/acme/checkout/tree/main/',
      { host: 'github.com', path: 'acme/checkout' },
    ],
    [
      'url:https://github.com/acme/checkout/blob/main/services/a/catalog-info.yaml',
      { host: 'github.com', path: 'acme/checkout' },
    ],
    [
      'url:https://github.com/acme/checkout',
      { host: 'github.com', path: 'acme/checkout' },
    ],
    [
      'url:https://github.com/acme/checkout.git',
      { host: 'github.com', path: 'acme/checkout' },
    ],
    [
      'url:https://GitHub.com/acme/checkout/tree/main/x',
      { host: 'github.com', path: 'acme/checkout' },
    ],
    [
      'url:https://ghe.example.com/acme/checkout/blob/main/catalog-info.yaml',
      { host: 'ghe.example.com', path: 'acme/checkout' },
    ],
    [
      'url:https://gitlab.com/shop/backend/payments/-/blob/main/catalog-info.yaml',
      { host: 'gitlab.com', path: 'shop/backend/payments' },
    ],
    [
      'url:https://gitlab.example.com/shop/backend/payments/-/tree/main/',
      { host: 'gitlab.example.com', path: 'shop/backend/payments' },
    ],
    [
      'url:https://gitlab.example.com/shop/backend/payments/blob/main/catalog-info.yaml',
      { host: 'gitlab.example.com', path: 'shop/backend/payments' },
    ],
  ])('%s', (location, expected) => {
    expect(repositoryOfLocation(location)).toEqual(expected);
  });

  it.each([
    ['a file location', 'file:/srv/catalog/catalog-info.yaml'],
    ['a host without a path', 'url:https://github.com/'],
    ['an owner without a repository', 'url:https://github.com/acme'],
    ['not a URL', 'url:not a url'],
    ['another scheme', 'url:ftp://github.com/acme/checkout'],
    ['nothing', undefined],
  ])('knows no repository for %s', (_case, location) => {
    expect(repositoryOfLocation(location)).toBeUndefined();
  });
});

describe('repositoryOfEntity', () => {
  it('prefers the GitHub slug, on github.com', () => {
    expect(
      repositoryOfEntity(
        entity({
          'github.com/project-slug': 'acme/checkout',
          'backstage.io/source-location':
            'url:https://github.com/acme/monorepo/tree/main/checkout/',
        }),
      ),
    ).toEqual({
      host: 'github.com',
      path: 'acme/checkout',
      annotation: 'github.com/project-slug',
    });
  });

  it('takes the host of a location into the same repository (GitHub Enterprise)', () => {
    expect(
      repositoryOfEntity(
        entity({
          'github.com/project-slug': 'acme/checkout',
          'backstage.io/managed-by-location':
            'url:https://ghe.example.com/acme/checkout/blob/main/catalog-info.yaml',
        }),
      ),
    ).toMatchObject({ host: 'ghe.example.com', path: 'acme/checkout' });
  });

  it('reads the GitLab slug with subgroups, on gitlab.com by default', () => {
    expect(
      repositoryOfEntity(
        entity({ 'gitlab.com/project-slug': 'shop/backend/payments' }),
      ),
    ).toEqual({
      host: 'gitlab.com',
      path: 'shop/backend/payments',
      annotation: 'gitlab.com/project-slug',
    });
  });

  it('falls back to the source location, then the managed-by location', () => {
    expect(
      repositoryOfEntity(
        entity({
          'backstage.io/source-location':
            'url:https://gitlab.example.com/shop/web/-/tree/main/',
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/catalog/blob/main/all.yaml',
        }),
      ),
    ).toEqual({
      host: 'gitlab.example.com',
      path: 'shop/web',
      annotation: 'backstage.io/source-location',
    });
    expect(
      repositoryOfEntity(
        entity({
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/catalog/blob/main/all.yaml',
        }),
      ),
    ).toMatchObject({ path: 'acme/catalog' });
  });

  it('knows no repository without these annotations, or with empty ones', () => {
    expect(repositoryOfEntity(entity({}))).toBeUndefined();
    expect(
      repositoryOfEntity(
        entity({
          'github.com/project-slug': ' / ',
          'backstage.io/managed-by-location': 'file:/srv/catalog.yaml',
        }),
      ),
    ).toBeUndefined();
  });
});

describe('sameRepository', () => {
  it('compares paths without case but hosts and whole paths exactly', () => {
    const a = { host: 'github.com', path: 'Acme/Checkout' };
    expect(
      sameRepository(a, { host: 'github.com', path: 'acme/checkout' }),
    ).toBe(true);
    expect(
      sameRepository(a, { host: 'gitlab.com', path: 'acme/checkout' }),
    ).toBe(false);
    expect(
      sameRepository(a, { host: 'github.com', path: 'acme/checkout-fork' }),
    ).toBe(false);
    expect(sameRepository(a, { host: 'github.com', path: 'acme' })).toBe(false);
  });
});
