import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** A one-step template example calling `action` with `input`, as YAML. */
export function ciActionExample(
  action: string,
  description: string,
  stepName: string,
  input: Record<string, unknown>,
): TemplateExample {
  return {
    description,
    example: yaml.stringify({
      steps: [{ id: 'pipeline', action, name: stepName, input }],
    }),
  };
}
