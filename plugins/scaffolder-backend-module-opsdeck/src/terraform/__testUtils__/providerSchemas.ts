import type { ParsedTerraformFile } from '../checks/terraformChecker';
import schemas from './fixtures/provider-schemas.json';

/**
 * Argument and block names of the resources, data sources and providers the
 * generator writes, extracted from the real provider schemas by
 * `scripts/extract-terraform-provider-schemas.mjs`.
 */
export type BlockSchema = {
  arguments: string[];
  required: string[];
  blocks: Record<string, BlockSchema>;
};

type Schemas = {
  providers: Record<string, string>;
  resource: Record<string, BlockSchema>;
  data: Record<string, BlockSchema>;
  provider: Record<string, BlockSchema>;
};

export const PROVIDER_SCHEMAS = schemas as Schemas;

const META = new Set([
  'count',
  'for_each',
  'depends_on',
  'lifecycle',
  'provider',
  'provisioner',
  'connection',
]);

type Body = Record<string, unknown>;

const isObject = (value: unknown): value is Body =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkBody(
  where: string,
  body: Body,
  schema: BlockSchema,
  problems: string[],
  dynamicContent = false,
) {
  for (const [key, value] of Object.entries(body)) {
    if (META.has(key)) continue;
    if (key === 'dynamic' && isObject(value)) {
      for (const [name, blocks] of Object.entries(value)) {
        const nested = schema.blocks[name];
        if (!nested) {
          problems.push(`${where}: dynamic block ${name} is not a block`);
          continue;
        }
        for (const block of blocks as Body[]) {
          for (const content of (block.content ?? []) as Body[]) {
            checkBody(`${where}.${name}`, content, nested, problems, true);
          }
        }
      }
    } else if (schema.blocks[key]) {
      if (!Array.isArray(value)) {
        problems.push(`${where}: ${key} is a block, written as an argument`);
        continue;
      }
      for (const block of value as Body[]) {
        checkBody(`${where}.${key}`, block, schema.blocks[key], problems);
      }
    } else if (!schema.arguments.includes(key)) {
      problems.push(`${where}: unknown argument or block ${key}`);
    }
  }
  const dynamicNames = isObject(body.dynamic) ? Object.keys(body.dynamic) : [];
  for (const required of schema.required) {
    if (
      !(required in body) &&
      !dynamicNames.includes(required) &&
      !dynamicContent
    ) {
      problems.push(`${where}: missing required ${required}`);
    }
  }
}

/** Checks every resource, data source and provider block against the provider schemas. */
export function checkProviderSchemas(files: ParsedTerraformFile[]): string[] {
  const problems: string[] = [];
  for (const { path, json } of files) {
    for (const kind of ['resource', 'data'] as const) {
      for (const [type, named] of Object.entries((json[kind] ?? {}) as Body)) {
        const schema = PROVIDER_SCHEMAS[kind][type];
        for (const [name, bodies] of Object.entries(named as Body)) {
          const where = `${path}: ${kind} ${type}.${name}`;
          if (!schema) {
            problems.push(`${where}: no schema for ${type}`);
            continue;
          }
          for (const body of bodies as Body[])
            checkBody(where, body, schema, problems);
        }
      }
    }
    for (const [name, bodies] of Object.entries(
      (json.provider ?? {}) as Body,
    )) {
      const schema = PROVIDER_SCHEMAS.provider[name];
      const where = `${path}: provider ${name}`;
      if (!schema) {
        problems.push(`${where}: no schema`);
        continue;
      }
      for (const body of bodies as Body[])
        checkBody(where, body, schema, problems);
    }
  }
  return problems;
}
