import { COST_ALLOCATION_TAGS } from '@opsdeck/plugin-cost-common';
import path from 'node:path';
import { RESOURCE_TAG_LOCATIONS } from './taggableResources';

/**
 * One Terraform file as parsed by HashiCorp's HCL parser into JSON (the
 * shape `@cdktf/hcl2json` returns), with its path relative to the Terraform
 * directory.
 *
 * @public
 */
export type ParsedTerraformFile = {
  path: string;
  json: Record<string, unknown>;
};

/**
 * Returns the traversals an HCL expression (a `${...}` string from the parsed
 * JSON) refers to, such as `var.tags` or `aws_vpc.this.id`; for example
 * `getReferencesInExpression` from `@cdktf/hcl2json`.
 *
 * @public
 */
export type TerraformReferenceFinder = (
  file: string,
  expression: string,
) => Promise<string[]>;

/** @public */
export type TerraformCheckRule =
  | 'duplicate-declaration'
  | 'unresolved-reference'
  | 'module-source'
  | 'module-arguments'
  | 'provider-not-required'
  | 'unpinned-version'
  | 'remote-state'
  | 'unclassified-resource'
  | 'missing-cost-tags';

/** @public */
export type TerraformFinding = {
  rule: TerraformCheckRule;
  file: string;
  message: string;
};

type Body = Record<string, unknown>;

type Directory = {
  path: string;
  variables: Map<string, Body>;
  locals: Map<string, unknown>;
  resources: Map<string, Body>;
  data: Map<string, Body>;
  modules: Map<string, { body: Body; file: string }>;
  outputs: Map<string, Body>;
  requiredProviders: Map<string, Body>;
  requiredVersion?: unknown;
  backends: Array<{ type: string; body: Body; file: string }>;
  scanned: Array<{
    file: string;
    where: string;
    body: unknown;
    iterators: string[];
  }>;
  files: string[];
};

const MODULE_META_ARGUMENTS = new Set([
  'source',
  'version',
  'providers',
  'count',
  'for_each',
  'depends_on',
]);
const BUILT_IN_ROOTS = new Set(['count', 'each', 'path', 'self', 'terraform']);
const PINNED = /^(~>\s*[0-9]+\.[0-9]+(\.[0-9]+)?|[0-9]+\.[0-9]+\.[0-9]+)$/;

const isObject = (value: unknown): value is Body =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function blocksOf(value: unknown): Body[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function dynamicIterators(body: unknown): string[] {
  if (Array.isArray(body)) {
    return body.flatMap(dynamicIterators);
  }
  if (!isObject(body)) {
    return [];
  }
  const own = isObject(body.dynamic) ? Object.keys(body.dynamic) : [];
  return [
    ...own,
    ...Object.values(body).flatMap(value => dynamicIterators(value)),
  ];
}

/** `lifecycle.ignore_changes` lists attributes of the resource itself, not references. */
function withoutIgnoreChanges(body: unknown): unknown {
  if (!isObject(body) || !('lifecycle' in body)) {
    return body;
  }
  const lifecycle = blocksOf(body.lifecycle).map(block => {
    const { ignore_changes: _ignored, ...rest } = block;
    return rest;
  });
  return { ...body, lifecycle };
}

class TerraformCheck {
  private readonly directories = new Map<string, Directory>();
  readonly findings: TerraformFinding[] = [];
  private readonly references = new Map<string, Promise<string[]>>();

  constructor(
    files: ParsedTerraformFile[],
    private readonly findReferences: TerraformReferenceFinder,
    private readonly requiredTagKeys: string[],
  ) {
    for (const file of files) {
      this.load(file);
    }
  }

  private report(rule: TerraformCheckRule, file: string, message: string) {
    this.findings.push({ rule, file, message });
  }

  private directory(dir: string): Directory {
    let found = this.directories.get(dir);
    if (!found) {
      found = {
        path: dir,
        variables: new Map(),
        locals: new Map(),
        resources: new Map(),
        data: new Map(),
        modules: new Map(),
        outputs: new Map(),
        requiredProviders: new Map(),
        backends: [],
        scanned: [],
        files: [],
      };
      this.directories.set(dir, found);
    }
    return found;
  }

  private declare<T>(
    map: Map<string, T>,
    key: string,
    value: T,
    kind: string,
    file: string,
  ) {
    if (map.has(key)) {
      this.report(
        'duplicate-declaration',
        file,
        `${kind} ${key} is declared more than once`,
      );
    }
    map.set(key, value);
  }

  private single(
    kind: string,
    key: string,
    value: unknown,
    file: string,
  ): Body | undefined {
    const blocks = blocksOf(value);
    if (blocks.length > 1) {
      this.report(
        'duplicate-declaration',
        file,
        `${kind} ${key} is declared more than once`,
      );
    }
    return blocks[0];
  }

  private load({ path: file, json }: ParsedTerraformFile) {
    const dir = this.directory(path.posix.dirname(file));
    dir.files.push(file);
    const scan = (where: string, body: unknown) =>
      dir.scanned.push({
        file,
        where,
        body: withoutIgnoreChanges(body),
        iterators: dynamicIterators(body),
      });

    for (const [name, value] of Object.entries(
      isObject(json.variable) ? json.variable : {},
    )) {
      const body = this.single('variable', name, value, file) ?? {};
      this.declare(dir.variables, name, body, 'variable', file);
      if ('default' in body) {
        scan(`variable ${name}`, body.default);
      }
    }
    for (const locals of blocksOf(json.locals)) {
      for (const [name, value] of Object.entries(locals)) {
        this.declare(dir.locals, name, value, 'local', file);
        scan(`local ${name}`, value);
      }
    }
    for (const kind of ['resource', 'data'] as const) {
      const target = kind === 'resource' ? dir.resources : dir.data;
      const byType = isObject(json[kind]) ? json[kind] : {};
      for (const [type, named] of Object.entries(byType)) {
        for (const [name, value] of Object.entries(
          isObject(named) ? named : {},
        )) {
          const key = `${type}.${name}`;
          const body = this.single(kind, key, value, file) ?? {};
          this.declare(target, key, body, kind, file);
          scan(`${kind} ${key}`, body);
        }
      }
    }
    for (const [name, value] of Object.entries(
      isObject(json.module) ? json.module : {},
    )) {
      const body = this.single('module', name, value, file) ?? {};
      this.declare(dir.modules, name, { body, file }, 'module', file);
      scan(`module ${name}`, body);
    }
    for (const [name, value] of Object.entries(
      isObject(json.output) ? json.output : {},
    )) {
      const body = this.single('output', name, value, file) ?? {};
      this.declare(dir.outputs, name, body, 'output', file);
      scan(`output ${name}`, body);
    }
    for (const [name, value] of Object.entries(
      isObject(json.provider) ? json.provider : {},
    )) {
      for (const body of blocksOf(value)) {
        scan(`provider ${name}`, body);
      }
    }
    for (const terraform of blocksOf(json.terraform)) {
      if ('required_version' in terraform) {
        dir.requiredVersion = terraform.required_version;
      }
      for (const providers of blocksOf(terraform.required_providers)) {
        for (const [name, requirement] of Object.entries(providers)) {
          this.declare(
            dir.requiredProviders,
            name,
            isObject(requirement) ? requirement : {},
            'required provider',
            file,
          );
        }
      }
      const backends = isObject(terraform.backend) ? terraform.backend : {};
      for (const [type, value] of Object.entries(backends)) {
        dir.backends.push({ type, body: blocksOf(value)[0] ?? {}, file });
      }
    }
  }

  private referencesOf(file: string, expression: string): Promise<string[]> {
    let found = this.references.get(expression);
    if (!found) {
      found = this.findReferences(file, expression);
      this.references.set(expression, found);
    }
    return found;
  }

  private moduleTarget(dir: Directory, body: Body): Directory | undefined {
    const source = body.source;
    if (typeof source !== 'string' || !/^\.\.?\//.test(source)) {
      return undefined;
    }
    return this.directories.get(
      path.posix.normalize(path.posix.join(dir.path, source)),
    );
  }

  private callers(target: Directory): Array<{ dir: Directory; body: Body }> {
    return [...this.directories.values()].flatMap(dir =>
      [...dir.modules.values()]
        .filter(({ body }) => this.moduleTarget(dir, body) === target)
        .map(({ body }) => ({ dir, body })),
    );
  }

  private providerOf(type: string): string {
    return type.split('_')[0];
  }

  private async checkReference(
    dir: Directory,
    file: string,
    where: string,
    reference: string,
    iterators: string[],
  ) {
    const [root, second, third] = reference.split('.');
    const missing = (what: string) =>
      this.report(
        'unresolved-reference',
        file,
        `${where} refers to ${reference}, but ${what} is not declared in ${dir.path}`,
      );
    if (BUILT_IN_ROOTS.has(root) || iterators.includes(root)) {
      return;
    }
    if (root === 'var') {
      if (!dir.variables.has(second)) missing(`variable ${second}`);
    } else if (root === 'local') {
      if (!dir.locals.has(second)) missing(`local ${second}`);
    } else if (root === 'data') {
      if (!dir.data.has(`${second}.${third}`))
        missing(`data ${second}.${third}`);
    } else if (root === 'module') {
      const call = dir.modules.get(second);
      if (!call) {
        missing(`module ${second}`);
        return;
      }
      const target = this.moduleTarget(dir, call.body);
      if (target && third !== undefined && !target.outputs.has(third)) {
        this.report(
          'unresolved-reference',
          file,
          `${where} refers to ${reference}, but module ${target.path} has no output ${third}`,
        );
      }
    } else if (/^[a-z0-9]+_[a-z0-9_]+$/.test(root) && second !== undefined) {
      if (!dir.resources.has(`${root}.${second}`))
        missing(`resource ${root}.${second}`);
    } else {
      this.report(
        'unresolved-reference',
        file,
        `${where} refers to ${reference}, which is not a known kind of reference`,
      );
    }
  }

  private async scanReferences(
    dir: Directory,
    file: string,
    where: string,
    value: unknown,
    iterators: string[],
  ): Promise<void> {
    if (typeof value === 'string') {
      if (value.includes('${')) {
        for (const reference of await this.referencesOf(file, value)) {
          await this.checkReference(dir, file, where, reference, iterators);
        }
      }
    } else if (Array.isArray(value)) {
      for (const item of value) {
        await this.scanReferences(dir, file, where, item, iterators);
      }
    } else if (isObject(value)) {
      for (const item of Object.values(value)) {
        await this.scanReferences(dir, file, where, item, iterators);
      }
    }
  }

  private checkModuleCalls(dir: Directory) {
    for (const [name, { body, file }] of dir.modules) {
      const target = this.moduleTarget(dir, body);
      if (!target) {
        this.report(
          'module-source',
          file,
          `module ${name} has source ${JSON.stringify(
            body.source,
          )}, which is not a generated module directory`,
        );
        continue;
      }
      const args = Object.keys(body).filter(k => !MODULE_META_ARGUMENTS.has(k));
      const unknown = args.filter(arg => !target.variables.has(arg));
      const missing = [...target.variables.entries()]
        .filter(
          ([variable, v]) => !('default' in v) && !args.includes(variable),
        )
        .map(([variable]) => variable);
      if (unknown.length > 0) {
        this.report(
          'module-arguments',
          file,
          `module ${name} passes ${unknown.join(', ')}, which ${
            target.path
          } does not declare`,
        );
      }
      if (missing.length > 0) {
        this.report(
          'module-arguments',
          file,
          `module ${name} does not pass required variable(s) ${missing.join(
            ', ',
          )} of ${target.path}`,
        );
      }
    }
  }

  private ownProviders(dir: Directory): Set<string> {
    return new Set(
      [...dir.resources.keys(), ...dir.data.keys()].map(key =>
        this.providerOf(key.split('.')[0]),
      ),
    );
  }

  private usedProviders(
    dir: Directory,
    seen = new Set<Directory>(),
  ): Set<string> {
    const used = this.ownProviders(dir);
    seen.add(dir);
    for (const { body } of dir.modules.values()) {
      const target = this.moduleTarget(dir, body);
      if (target && !seen.has(target)) {
        this.usedProviders(target, seen).forEach(p => used.add(p));
      }
    }
    return used;
  }

  private checkProviders(dir: Directory, isRoot: boolean) {
    const file = dir.files[0];
    const used = isRoot ? this.usedProviders(dir) : this.ownProviders(dir);
    for (const provider of used) {
      if (!dir.requiredProviders.has(provider)) {
        this.report(
          'provider-not-required',
          file,
          `${dir.path} uses provider ${provider} without declaring it in required_providers`,
        );
      }
    }
    if (!isRoot) {
      return;
    }
    if (
      typeof dir.requiredVersion !== 'string' ||
      !PINNED.test(dir.requiredVersion)
    ) {
      this.report(
        'unpinned-version',
        file,
        `${
          dir.path
        } must pin required_version with ~> or an exact version (found ${JSON.stringify(
          dir.requiredVersion,
        )})`,
      );
    }
    for (const [name, requirement] of dir.requiredProviders) {
      const version = requirement.version;
      if (typeof version !== 'string' || !PINNED.test(version)) {
        this.report(
          'unpinned-version',
          file,
          `provider ${name} in ${
            dir.path
          } must be pinned with ~> or an exact version (found ${JSON.stringify(
            version,
          )})`,
        );
      }
      if (typeof requirement.source !== 'string') {
        this.report(
          'unpinned-version',
          file,
          `provider ${name} in ${dir.path} has no source`,
        );
      }
    }
  }

  private checkBackend(dir: Directory) {
    const file = dir.files[0];
    if (dir.backends.length !== 1) {
      this.report(
        'remote-state',
        file,
        `root ${dir.path} must configure exactly one remote state backend (found ${dir.backends.length})`,
      );
      return;
    }
    const { type, body } = dir.backends[0];
    if (type === 's3') {
      if (body.encrypt !== true) {
        this.report(
          'remote-state',
          file,
          `s3 backend of ${dir.path} must set encrypt = true`,
        );
      }
      if (
        body.use_lockfile !== true &&
        typeof body.dynamodb_table !== 'string'
      ) {
        this.report(
          'remote-state',
          file,
          `s3 backend of ${dir.path} must lock the state (use_lockfile = true or dynamodb_table)`,
        );
      }
    } else if (!['gcs', 'azurerm'].includes(type)) {
      this.report(
        'remote-state',
        file,
        `backend ${type} of ${dir.path} is not a remote state with locking (s3, gcs or azurerm)`,
      );
    }
  }

  private async tagKeys(
    dir: Directory,
    file: string,
    value: unknown,
    depth: number,
  ): Promise<Set<string>> {
    const keys = new Set<string>();
    if (depth > 10) {
      return keys;
    }
    if (isObject(value)) {
      Object.keys(value).forEach(k => keys.add(k));
      return keys;
    }
    if (typeof value !== 'string' || !value.includes('${')) {
      return keys;
    }
    for (const reference of await this.referencesOf(file, value)) {
      const [root, name] = reference.split('.');
      let found = new Set<string>();
      if (root === 'local' && dir.locals.has(name)) {
        found = await this.tagKeys(dir, file, dir.locals.get(name), depth + 1);
      } else if (root === 'var' && dir.variables.has(name)) {
        const callers = this.callers(dir);
        if (callers.length === 0) {
          found = await this.tagKeys(
            dir,
            file,
            dir.variables.get(name)!.default,
            depth + 1,
          );
        } else {
          const perCaller = await Promise.all(
            callers.map(caller =>
              this.tagKeys(
                caller.dir,
                caller.dir.files[0],
                caller.body[name],
                depth + 1,
              ),
            ),
          );
          found = new Set(
            [...perCaller[0]].filter(k => perCaller.every(set => set.has(k))),
          );
        }
      }
      found.forEach(k => keys.add(k));
    }
    return keys;
  }

  private async checkTags(dir: Directory) {
    for (const [key, body] of dir.resources) {
      const type = key.split('.')[0];
      const file =
        dir.scanned.find(s => s.where === `resource ${key}`)?.file ??
        dir.files[0];
      if (!(type in RESOURCE_TAG_LOCATIONS)) {
        this.report(
          'unclassified-resource',
          file,
          `resource type ${type} is not classified as taggable or not; add it to RESOURCE_TAG_LOCATIONS`,
        );
        continue;
      }
      const location = RESOURCE_TAG_LOCATIONS[type];
      if (!location) {
        continue;
      }
      let holders: unknown[] = [body];
      for (const segment of location.slice(0, -1)) {
        holders = holders.flatMap(h =>
          isObject(h) ? blocksOf(h[segment]) : [],
        );
      }
      const attribute = location[location.length - 1];
      const values = holders.map(h => (isObject(h) ? h[attribute] : undefined));
      if (values.length === 0 || values.some(v => v === undefined)) {
        this.report(
          'missing-cost-tags',
          file,
          `resource ${key} has no ${location.join('.')}`,
        );
        continue;
      }
      for (const value of values) {
        const keys = await this.tagKeys(dir, file, value, 0);
        const absent = this.requiredTagKeys.filter(k => !keys.has(k));
        if (absent.length > 0) {
          this.report(
            'missing-cost-tags',
            file,
            `resource ${key} ${location.join('.')} lacks ${absent.join(', ')}`,
          );
        }
      }
    }
  }

  async run(): Promise<TerraformFinding[]> {
    const called = new Set<Directory>();
    for (const dir of this.directories.values()) {
      for (const { body } of dir.modules.values()) {
        const target = this.moduleTarget(dir, body);
        if (target) called.add(target);
      }
    }
    for (const dir of this.directories.values()) {
      for (const { file, where, body, iterators } of dir.scanned) {
        await this.scanReferences(dir, file, where, body, iterators);
      }
      this.checkModuleCalls(dir);
      const isRoot = !called.has(dir);
      this.checkProviders(dir, isRoot);
      if (isRoot) {
        this.checkBackend(dir);
      }
      await this.checkTags(dir);
    }
    return this.findings;
  }
}

/**
 * Checks a set of parsed Terraform files the way `terraform validate` would
 * for the parts that need no provider schemas, plus Opsdeck's own rules:
 * every reference resolves, module arguments match module variables,
 * providers are declared and pinned, roots keep state remotely with locking,
 * and every taggable resource carries the cost-allocation tags.
 *
 * @public
 */
export async function checkTerraformFiles(
  files: ParsedTerraformFile[],
  findReferences: TerraformReferenceFinder,
  requiredTagKeys: string[] = Object.values(COST_ALLOCATION_TAGS),
): Promise<TerraformFinding[]> {
  return new TerraformCheck(files, findReferences, requiredTagKeys).run();
}
