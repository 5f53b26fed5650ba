import { Entity } from '@backstage/catalog-model';
import { rotationFileUrl } from './rotationLocation';

function group(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'platform', annotations },
    spec: {},
  };
}

describe('rotationFileUrl', () => {
  it.each([
    [
      'a file location',
      {
        'backstage.io/managed-by-location': 'file:/repo/examples/org.yaml',
        'opsdeck.io/oncall-rotation': './oncall/platform.rotation.yaml',
      },
      'file:///repo/examples/oncall/platform.rotation.yaml',
    ],
    [
      'a url location',
      {
        'backstage.io/managed-by-location':
          'url:https://git.example/org/repo/blob/main/catalog-info.yaml',
        'opsdeck.io/oncall-rotation': 'oncall.yaml',
      },
      'https://git.example/org/repo/blob/main/oncall.yaml',
    ],
    [
      'a source location, preferred',
      {
        'backstage.io/source-location':
          'url:https://git.example/org/svc/tree/main/',
        'backstage.io/managed-by-location':
          'url:https://git.example/other/catalog-info.yaml',
        'opsdeck.io/oncall-rotation': './.oncall/rotation.yaml',
      },
      'https://git.example/org/svc/tree/main/.oncall/rotation.yaml',
    ],
  ])('resolves against %s', (_title, annotations, expected) => {
    expect(rotationFileUrl(group(annotations))).toBe(expected);
  });

  it.each([
    ['../', '../../etc/passwd'],
    ['an absolute URL', 'https://evil.example/rotation.yaml'],
    ['a file URL', 'file:///etc/passwd'],
    ['an absolute path', '/etc/passwd'],
    ['a newline', 'oncall.yaml\nx'],
  ])('refuses %s', (_title, value) => {
    expect(() =>
      rotationFileUrl(
        group({
          'backstage.io/managed-by-location': 'file:/repo/org.yaml',
          'opsdeck.io/oncall-rotation': value,
        }),
      ),
    ).toThrow('must be a path relative to the entity');
  });

  it('explains a missing location', () => {
    expect(() =>
      rotationFileUrl(group({ 'opsdeck.io/oncall-rotation': 'x.yaml' })),
    ).toThrow(
      'group:default/platform has neither backstage.io/source-location nor backstage.io/managed-by-location',
    );
  });
});
