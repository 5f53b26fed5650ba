import { RotationLayer, rotationFileSchema } from './rotationSchema';

/** Builds a validated layer for tests. */
export function layerOf(
  layer: Partial<Omit<RotationLayer, 'members'>> & {
    members?: string[];
  } & Pick<RotationLayer, 'start' | 'handoffTime' | 'rotationLength'>,
  timeZone = 'UTC',
): RotationLayer {
  return rotationFileSchema.parse({
    apiVersion: 'opsdeck.io/v1alpha1',
    kind: 'Rotation',
    metadata: { name: 'test' },
    spec: {
      timeZone,
      schedules: [
        {
          name: 'primary',
          layers: [{ name: 'layer', members: ['a', 'b', 'c'], ...layer }],
        },
      ],
      escalationPolicy: {
        levels: [{ delayMinutes: 0, targets: [{ schedule: 'primary' }] }],
      },
    },
  }).spec.schedules[0].layers[0];
}

export const iso = (s: string) => Date.parse(s);
