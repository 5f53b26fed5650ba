import { checkHcl } from '../__testUtils__/terraformValidation';

jest.setTimeout(60_000);

const VERSIONS = `terraform {
  required_version = "~> 1.10"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
  backend "s3" {
    bucket       = "state"
    key          = "a/b"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}
`;

const MODULE_VERSIONS = `terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}
`;

const MODULE = `variable "name" {
  type = string
}

variable "tags" {
  type = map(string)
}

variable "zones" {
  type    = number
  default = 3
}

resource "aws_vpc" "this" {
  cidr_block = "10.0.0.0/16"
  tags       = merge(var.tags, { Name = var.name })
}

output "vpc_id" {
  value = aws_vpc.this.id
}
`;

const ROOT = `locals {
  tags = {
    "backstage-component"   = "checkout"
    "backstage-owner"       = "platform"
    "backstage-system"      = "shop"
    "backstage-environment" = "staging"
  }
}

module "network" {
  source = "../../modules/network"
  name   = "checkout"
  tags   = local.tags
}

output "vpc" {
  value = module.network.vpc_id
}
`;

/** A small valid tree: a root calling one module; each case breaks one thing. */
function tree(overrides: Record<string, string | undefined> = {}) {
  const files: Record<string, string | undefined> = {
    'environments/staging/versions.tf': VERSIONS,
    'environments/staging/main.tf': ROOT,
    'modules/network/versions.tf': MODULE_VERSIONS,
    'modules/network/main.tf': MODULE,
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(files).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
}

describe('checkTerraformFiles', () => {
  it('accepts a consistent tree', async () => {
    expect(await checkHcl(tree())).toEqual([]);
  });

  it.each([
    [
      'an undeclared variable',
      { 'modules/network/main.tf': MODULE.replace('var.name', 'var.nom') },
      'unresolved-reference',
      'refers to var.nom, but variable nom is not declared in modules/network',
    ],
    [
      'an undeclared local',
      {
        'environments/staging/main.tf': ROOT.replace(
          'local.tags',
          'local.labels',
        ),
      },
      'unresolved-reference',
      'refers to local.labels, but local labels is not declared',
    ],
    [
      'an undeclared resource',
      {
        'modules/network/main.tf': MODULE.replace(
          'aws_vpc.this.id',
          'aws_vpc.main.id',
        ),
      },
      'unresolved-reference',
      'resource aws_vpc.main is not declared',
    ],
    [
      'an undeclared data source',
      {
        'modules/network/main.tf': MODULE.replace(
          '"10.0.0.0/16"',
          'data.aws_region.current.region',
        ),
      },
      'unresolved-reference',
      'data aws_region.current is not declared',
    ],
    [
      'an undeclared module',
      {
        'environments/staging/main.tf': ROOT.replace(
          'module.network.vpc_id',
          'module.net.vpc_id',
        ),
      },
      'unresolved-reference',
      'module net is not declared',
    ],
    [
      'a missing module output',
      {
        'environments/staging/main.tf': ROOT.replace(
          'module.network.vpc_id',
          'module.network.subnet_ids',
        ),
      },
      'unresolved-reference',
      'module modules/network has no output subnet_ids',
    ],
    [
      'an unknown module argument',
      {
        'environments/staging/main.tf': ROOT.replace(
          'name   = "checkout"',
          'name   = "checkout"\n  colour = "red"',
        ),
      },
      'module-arguments',
      'module network passes colour, which modules/network does not declare',
    ],
    [
      'a missing required module argument',
      {
        'environments/staging/main.tf': ROOT.replace(
          'name   = "checkout"\n',
          '',
        ),
      },
      'module-arguments',
      'module network does not pass required variable(s) name of modules/network',
    ],
    [
      'a module source that does not exist',
      {
        'environments/staging/main.tf': ROOT.replace(
          '../../modules/network',
          '../../modules/netwerk',
        ),
      },
      'module-source',
      'module network has source "../../modules/netwerk"',
    ],
    [
      'a registry module source',
      {
        'environments/staging/main.tf': ROOT.replace(
          '../../modules/network',
          'terraform-aws-modules/vpc/aws',
        ),
      },
      'module-source',
      'is not a generated module directory',
    ],
    [
      'a provider version range',
      {
        'environments/staging/versions.tf': VERSIONS.replace(
          '"~> 6.0"',
          '">= 5.0"',
        ),
      },
      'unpinned-version',
      'provider aws in environments/staging must be pinned',
    ],
    [
      'a provider without version',
      {
        'environments/staging/versions.tf': VERSIONS.replace(
          'version = "~> 6.0"',
          '',
        ),
      },
      'unpinned-version',
      'provider aws in environments/staging must be pinned with ~> or an exact version (found undefined)',
    ],
    [
      'a single-component ~> constraint',
      {
        'environments/staging/versions.tf': VERSIONS.replace(
          '"~> 1.10"',
          '"~> 1"',
        ),
      },
      'unpinned-version',
      'must pin required_version',
    ],
    [
      'no required_version',
      {
        'environments/staging/versions.tf': VERSIONS.replace(
          'required_version = "~> 1.10"',
          '',
        ),
      },
      'unpinned-version',
      'must pin required_version',
    ],
    [
      'a provider used by a module but not required in the root',
      {
        'environments/staging/versions.tf': VERSIONS.replace(
          /aws = \{[^}]*\}/,
          'google = {\n      source  = "hashicorp/google"\n      version = "~> 7.0"\n    }',
        ),
      },
      'provider-not-required',
      'environments/staging uses provider aws without declaring it in required_providers',
    ],
    [
      'a module without required_providers',
      { 'modules/network/versions.tf': undefined },
      'provider-not-required',
      'modules/network uses provider aws without declaring it',
    ],
    [
      'a root without backend',
      {
        'environments/staging/versions.tf': VERSIONS.replace(
          /backend "s3" \{[^}]*\}/,
          '',
        ),
      },
      'remote-state',
      'must configure exactly one remote state backend (found 0)',
    ],
    [
      'an s3 backend without locking',
      {
        'environments/staging/versions.tf': VERSIONS.replace(
          'use_lockfile = true',
          '',
        ),
      },
      'remote-state',
      'must lock the state',
    ],
    [
      'an unencrypted s3 backend',
      {
        'environments/staging/versions.tf': VERSIONS.replace(
          'encrypt      = true',
          'encrypt = false',
        ),
      },
      'remote-state',
      'must set encrypt = true',
    ],
    [
      'a local backend',
      {
        'environments/staging/versions.tf': VERSIONS.replace(
          /backend "s3" \{[^}]*\}/,
          'backend "local" {\n  }',
        ),
      },
      'remote-state',
      'backend local of environments/staging is not a remote state with locking',
    ],
    [
      'a taggable resource without tags',
      {
        'modules/network/main.tf': MODULE.replace(
          '  tags       = merge(var.tags, { Name = var.name })\n',
          '',
        ),
      },
      'missing-cost-tags',
      'resource aws_vpc.this has no tags',
    ],
    [
      'tags missing one cost key in the caller',
      {
        'environments/staging/main.tf': ROOT.replace(
          '    "backstage-system"      = "shop"\n',
          '',
        ),
      },
      'missing-cost-tags',
      'resource aws_vpc.this tags lacks backstage-system',
    ],
    [
      'tags that are not the cost tags',
      {
        'modules/network/main.tf': MODULE.replace(
          'merge(var.tags, { Name = var.name })',
          '{ Name = var.name }',
        ),
      },
      'missing-cost-tags',
      'lacks backstage-component, backstage-owner, backstage-system, backstage-environment',
    ],
    [
      'an unclassified resource type',
      {
        'modules/network/main.tf': `${MODULE}\nresource "aws_instance" "x" {\n  ami = "ami-1"\n}\n`,
      },
      'unclassified-resource',
      'resource type aws_instance is not classified',
    ],
    [
      'a duplicate resource',
      {
        'modules/network/extra.tf':
          'resource "aws_vpc" "this" {\n  cidr_block = "10.1.0.0/16"\n  tags = var.tags\n}\n',
      },
      'duplicate-declaration',
      'resource aws_vpc.this is declared more than once',
    ],
    [
      'a duplicate variable in one file',
      {
        'modules/network/main.tf': `${MODULE}\nvariable "name" {\n  type = string\n}\n`,
      },
      'duplicate-declaration',
      'variable name is declared more than once',
    ],
  ])('reports %s', async (_what, overrides, rule, message) => {
    const findings = await checkHcl(tree(overrides));
    expect(findings).toContainEqual(
      expect.objectContaining({
        rule,
        message: expect.stringContaining(message),
      }),
    );
  });

  it('follows tags through every caller of a module: one untagged caller is enough to fail', async () => {
    const second = ROOT.replace(
      'tags   = local.tags',
      'tags   = { Name = "x" }',
    );
    const findings = await checkHcl(
      tree({
        'environments/production/versions.tf': VERSIONS,
        'environments/production/main.tf': second,
      }),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        rule: 'missing-cost-tags',
        file: 'modules/network/main.tf',
      }),
    );
  });

  it('knows dynamic block iterators, count, each and lifecycle attribute lists', async () => {
    const module = `${MODULE}
resource "aws_security_group" "this" {
  count  = 1
  name   = "\${var.name}-\${count.index}"
  vpc_id = aws_vpc.this.id
  tags   = var.tags

  dynamic "ingress" {
    for_each = toset([443])
    content {
      from_port = ingress.value
      to_port   = ingress.value
      protocol  = "tcp"
    }
  }

  lifecycle {
    ignore_changes = [description, ingress]
  }
}
`;
    expect(await checkHcl(tree({ 'modules/network/main.tf': module }))).toEqual(
      [],
    );
  });
});
