import { BASE_INPUTS } from './terraformInputs';
import { parseHcl, parseTerraformFiles } from './terraformValidation';
import {
  BlockSchema,
  checkProviderSchemas,
  PROVIDER_SCHEMAS,
} from './providerSchemas';
import { RESOURCE_TAG_LOCATIONS } from '../checks/taggableResources';
import { generateTerraformEnvironment } from '../generateTerraformEnvironment';
import { PINNED_TERRAFORM_PROVIDERS } from '../providerVersions';
import { TERRAFORM_CLOUDS } from '../model';

describe('generated Terraform against the provider schemas', () => {
  it.each(TERRAFORM_CLOUDS)(
    '%s: every argument and block exists in the provider, every required one is set',
    async cloud => {
      const files = await parseTerraformFiles(
        generateTerraformEnvironment({
          ...BASE_INPUTS[cloud],
          environments: [
            { name: 'dev', readReplica: true },
            { name: 'production' },
          ],
        }),
      );
      expect(checkProviderSchemas(files)).toEqual([]);
    },
  );

  it('pins each provider to the minor version whose schema is checked', () => {
    for (const [name, version] of Object.entries(PROVIDER_SCHEMAS.providers)) {
      const [major, minor] = version.split('.');
      expect(
        PINNED_TERRAFORM_PROVIDERS[
          name as keyof typeof PINNED_TERRAFORM_PROVIDERS
        ].version,
      ).toBe(`~> ${major}.${minor}`);
    }
  });

  it.each([
    [
      'an unknown argument',
      'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n  acl_public = true\n}\n',
      'unknown argument or block acl_public',
    ],
    [
      'an argument renamed in a newer major',
      'resource "azurerm_kubernetes_cluster_node_pool" "p" {\n  name = "p"\n  kubernetes_cluster_id = "x"\n  enable_auto_scaling = true\n}\n',
      'unknown argument or block enable_auto_scaling',
    ],
    [
      'a missing required argument',
      'resource "aws_eks_cluster" "c" {\n  name = "c"\n  vpc_config {\n    subnet_ids = []\n  }\n}\n',
      'missing required role_arn',
    ],
    [
      'a block written as an argument',
      'resource "aws_eks_cluster" "c" {\n  name = "c"\n  role_arn = "r"\n  vpc_config = {}\n}\n',
      'vpc_config is a block, written as an argument',
    ],
    [
      'an unknown nested argument',
      'resource "aws_eks_cluster" "c" {\n  name = "c"\n  role_arn = "r"\n  vpc_config {\n    subnet_ids = []\n    public = true\n  }\n}\n',
      'aws_eks_cluster.c.vpc_config: unknown argument or block public',
    ],
    [
      'an unknown resource type',
      'resource "aws_magic" "m" {\n}\n',
      'no schema for aws_magic',
    ],
  ])('reports %s', async (_what, hcl, problem) => {
    const json = await parseHcl('main.tf', hcl);
    expect(checkProviderSchemas([{ path: 'main.tf', json }])).toContainEqual(
      expect.stringContaining(problem),
    );
  });
});

describe('the taggable resource table against the provider schemas', () => {
  const TAG_ARGUMENTS = ['tags', 'labels', 'resource_labels', 'user_labels'];

  function argumentAt(schema: BlockSchema, location: string[]): boolean {
    const [head, ...rest] = location;
    return rest.length === 0
      ? schema.arguments.includes(head)
      : Boolean(schema.blocks[head]) && argumentAt(schema.blocks[head], rest);
  }

  it.each(Object.entries(RESOURCE_TAG_LOCATIONS))(
    '%s is classified as the provider defines it',
    (type, location) => {
      const schema = PROVIDER_SCHEMAS.resource[type];
      expect(schema).toBeDefined();
      const tagArguments = schema.arguments.filter(a =>
        TAG_ARGUMENTS.includes(a),
      );
      expect(location ? argumentAt(schema, location) : tagArguments).toEqual(
        location ? true : [],
      );
    },
  );
});
