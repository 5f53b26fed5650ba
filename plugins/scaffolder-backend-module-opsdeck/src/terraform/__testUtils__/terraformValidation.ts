import { getReferencesInExpression, parse } from '@cdktf/hcl2json';
import {
  checkTerraformFiles,
  ParsedTerraformFile,
  TerraformFinding,
} from '../checks/terraformChecker';
import type { GeneratedTerraformFile } from '../generateTerraformEnvironment';

const parsed = new Map<string, Promise<Record<string, unknown>>>();
const references = new Map<string, Promise<string[]>>();

/** Parses HCL with HashiCorp's parser (WASM); identical texts are parsed once. */
export function parseHcl(
  file: string,
  content: string,
): Promise<Record<string, unknown>> {
  const key = `${file}\u0000${content}`;
  let found = parsed.get(key);
  if (!found) {
    found = parse(file, content) as Promise<Record<string, unknown>>;
    parsed.set(key, found);
  }
  return found;
}

/**
 * The `${...}` interpolations of a template string, found by matching braces
 * outside of quoted strings.
 */
export function interpolations(template: string): string[] {
  const found: string[] = [];
  let i = 0;
  while (i < template.length) {
    const start = template.indexOf('${', i);
    if (start < 0) break;
    if (start > 0 && template[start - 1] === '$') {
      i = start + 2;
      continue;
    }
    let depth = 0;
    let quoted = false;
    let end = start + 1;
    for (; end < template.length; end += 1) {
      const c = template[end];
      if (quoted) {
        if (c === '\\') end += 1;
        else if (c === '"') quoted = false;
      } else if (c === '"') quoted = true;
      else if (c === '{') depth += 1;
      else if (c === '}' && --depth === 0) break;
    }
    found.push(template.slice(start, end + 1));
    i = end + 1;
  }
  return found;
}

async function referencesOfTemplate(
  file: string,
  template: string,
): Promise<string[]> {
  try {
    return (await getReferencesInExpression(file, template)).map(r => r.value);
  } catch {
    // Literal quotes around interpolations: ask for each interpolation alone.
    const parts = await Promise.all(
      interpolations(template).map(part =>
        getReferencesInExpression(file, part),
      ),
    );
    return parts.flat().map(r => r.value);
  }
}

/** References of an expression by HashiCorp's parser, cached per expression. */
export function findReferences(
  file: string,
  expression: string,
): Promise<string[]> {
  let found = references.get(expression);
  if (!found) {
    found = referencesOfTemplate(file, expression);
    references.set(expression, found);
  }
  return found;
}

/** Parses every `.tf` file; throws with the file name on the first parse error. */
export async function parseTerraformFiles(
  files: GeneratedTerraformFile[],
): Promise<ParsedTerraformFile[]> {
  const result: ParsedTerraformFile[] = [];
  for (const file of files.filter(f => f.path.endsWith('.tf'))) {
    try {
      result.push({
        path: file.path,
        json: await parseHcl(file.path, file.content),
      });
    } catch (error) {
      throw new Error(
        `${file.path} does not parse: ${(error as Error).message}`,
      );
    }
  }
  return result;
}

/** Parses and checks generated files: parse errors throw, findings are returned. */
export async function validateTerraform(
  files: GeneratedTerraformFile[],
): Promise<TerraformFinding[]> {
  return checkTerraformFiles(await parseTerraformFiles(files), findReferences);
}

/** Parses and checks HCL given as path to text. */
export async function checkHcl(
  files: Record<string, string>,
): Promise<TerraformFinding[]> {
  return validateTerraform(
    Object.entries(files).map(([path, content]) => ({ path, content })),
  );
}
