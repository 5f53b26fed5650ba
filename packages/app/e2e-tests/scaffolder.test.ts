import { APIRequestContext, expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { signInAsGuest } from './signIn';

const backendUrl =
  process.env.OPSDECK_E2E_BACKEND_URL ?? 'http://localhost:7007';
const repoRoot = path.resolve(__dirname, '../../..');

/** Every file of a template folder but template.yaml, as the template editor uploads them. */
function templateFiles(
  dir: string,
  base = dir,
): { path: string; base64Content: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return templateFiles(full, base);
    const relative = path.relative(base, full);
    return relative === 'template.yaml'
      ? []
      : [
          {
            path: relative,
            base64Content: fs.readFileSync(full).toString('base64'),
          },
        ];
  });
}

test('the installed-actions page lists Opsdeck’s actions with their examples', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/create/actions');
  for (const id of [
    'opsdeck:ci:github-actions',
    'opsdeck:ci:gitlab',
    'opsdeck:ci:jenkins',
  ]) {
    await expect(page.getByText(id, { exact: true }).first()).toBeVisible();
  }
  // Selecting an action shows its input, output and examples.
  await page.getByText('opsdeck:ci:gitlab', { exact: true }).first().click();
  await expect(page).toHaveURL(/#opsdeck:ci:gitlab$/);
  await expect(page.getByRole('heading', { name: 'Examples' })).toBeVisible();
  await expect(
    page.getByText('action: opsdeck:ci:gitlab').first(),
  ).toBeVisible();
});

test('the templates are offered on the create page', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/create');
  await expect(
    page.getByText('Service with a hardened CI/CD pipeline'),
  ).toBeVisible();
  await expect(page.getByText('Post-incident review')).toBeVisible();
  await expect(page.getByText('New service (golden path)')).toBeVisible();
  await expect(
    page.getByText('New Terraform environment for a system'),
  ).toBeVisible();
  await expect(page.getByText('Onboard an existing service')).toBeVisible();
});

/** A signed-in guest's Backstage token, as the app gets it. */
async function guestToken(request: APIRequestContext): Promise<string> {
  const refresh = await request.get(`${backendUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(refresh.ok()).toBe(true);
  return (await refresh.json()).backstageIdentity.token as string;
}

/** Dry-runs a registered template the way the template editor does. */
async function dryRun(
  request: APIRequestContext,
  token: string,
  templateName: string,
  folder: string,
  values: Record<string, unknown>,
) {
  // The template as the portal's catalog holds it (registered from
  // templates/all.yaml), with the files beside it as the editor uploads them.
  const entity = await request.get(
    `${backendUrl}/api/catalog/entities/by-name/template/default/${templateName}`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  expect(entity.status()).toBe(200);
  const { relations: _relations, ...template } = await entity.json();
  const response = await request.post(
    `${backendUrl}/api/scaffolder/v2/dry-run`,
    {
      data: {
        template,
        values,
        directoryContents: templateFiles(
          path.join(repoRoot, 'templates', folder),
        ),
      },
      headers: { Authorization: `Bearer ${token}` },
    },
  );
  const result = await response.json();
  expect({ status: response.status(), result }).toMatchObject({ status: 200 });
  return new Map<string, string>(
    result.directoryContents.map(
      (f: { path: string; base64Content: string }) => [
        f.path,
        Buffer.from(f.base64Content, 'base64').toString('utf8'),
      ],
    ),
  );
}

test('the golden-path template dry-runs in the portal and writes every part of the service', async ({
  request,
}) => {
  const token = await guestToken(request);
  const files = await dryRun(
    request,
    token,
    'opsdeck-new-service',
    'new-service',
    {
      name: 'ledger',
      description: 'Keeps the books',
      owner: 'group:default/checkout-team',
      system: 'system:default/shop',
      language: 'go',
      ciSystem: 'gitlab',
      registry: 'registry.gitlab.com',
      imageRepository: 'northwind/ledger',
      cloud: 'gcp',
      region: 'europe-west1',
      stateBucket: 'northwind-terraform-state',
      gcpProject: 'northwind-services',
      environments: 'staging-production',
      strategy: 'canary',
      portalUrl: 'http://localhost:7007',
      sloObjective: 0.999,
      oncallMembers: ['user:default/ada.lovelace', 'user:default/alan.turing'],
      timeZone: 'Europe/Berlin',
      repoUrl: 'gitlab.com?owner=northwind&repo=ledger',
    },
  );
  const paths = [...files.keys()];
  expect(paths).toEqual(
    expect.arrayContaining([
      '.gitlab-ci.yml',
      'Dockerfile',
      'catalog-info.yaml',
    ]),
  );
  expect(paths.some(p => p.endsWith('.tf'))).toBe(true);
  expect(paths.some(p => p.endsWith('kustomization.yaml'))).toBe(true);
  expect(paths).toContain('slo/openslo.yaml');
  expect(files.get('catalog-info.yaml')).toContain('opsdeck.io/slo');
});

test('the pipeline template dry-runs in the portal’s scaffolder as a signed-in user', async ({
  request,
}) => {
  const token = await guestToken(request);

  // The template as the portal's catalog holds it.
  const entity = await request.get(
    `${backendUrl}/api/catalog/entities/by-name/template/default/opsdeck-ci-pipeline`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  const { relations: _relations, ...template } = await entity.json();
  const templateDir = path.join(repoRoot, 'templates/ci-pipeline');
  const body = {
    template,
    values: {
      name: 'checkout',
      owner: 'group:default/checkout-team',
      language: 'java',
      buildTool: 'gradle',
      ciSystem: 'github',
      testShards: 3,
      registry: 'ghcr.io',
      image: 'northwind/checkout',
      strategy: 'canary',
      portalUrl: 'http://localhost:7007',
      portalAuth: 'token',
      repoUrl: 'github.com?owner=northwind&repo=checkout',
    },
    directoryContents: templateFiles(templateDir),
  };

  // Without a token the scaffolder refuses the dry run.
  const anonymous = await request.post(
    `${backendUrl}/api/scaffolder/v2/dry-run`,
    {
      data: body,
    },
  );
  expect(anonymous.status()).toBe(401);

  const response = await request.post(
    `${backendUrl}/api/scaffolder/v2/dry-run`,
    {
      data: body,
      headers: { Authorization: `Bearer ${token}` },
    },
  );
  const result = await response.json();
  expect({ status: response.status(), result }).toMatchObject({ status: 200 });
  const files = new Map<string, string>(
    result.directoryContents.map(
      (f: { path: string; base64Content: string }) => [
        f.path,
        Buffer.from(f.base64Content, 'base64').toString('utf8'),
      ],
    ),
  );
  const workflow = files.get('.github/workflows/ci.yml');
  expect(workflow).toBeDefined();
  // Hardened and wired to the portal: pinned actions, no blanket grants,
  // deployment reports and the error-budget gate.
  expect(workflow).toMatch(/uses: actions\/checkout@[0-9a-f]{40}/);
  expect(workflow).not.toMatch(/write-all/);
  expect(workflow).toContain('/api/deployments/events');
  expect(workflow).toContain('/api/slo/gate');
  expect(files.has('catalog-info.yaml')).toBe(true);
});

test('the pipeline template runs to completion in the demo, publishing to a local git repository', async ({
  request,
}) => {
  const token = await guestToken(request);
  const headers = { Authorization: `Bearer ${token}` };
  const repo = `checkout-${Date.now()}`;
  const created = await request.post(`${backendUrl}/api/scaffolder/v2/tasks`, {
    headers,
    data: {
      templateRef: 'template:default/opsdeck-ci-pipeline',
      values: {
        name: 'checkout',
        owner: 'group:default/checkout-team',
        language: 'node',
        buildTool: 'npm',
        ciSystem: 'github',
        registry: 'ghcr.io',
        image: 'northwind/checkout',
        strategy: 'rolling',
        portalUrl: 'http://localhost:7007',
        portalAuth: 'token',
        repoUrl: `github.com?owner=northwind&repo=${repo}`,
      },
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();

  // The demo has no GitHub credentials: publish:github is a stand-in that
  // commits to a local bare repository, and the task completes.
  let status = 'open';
  for (let i = 0; i < 120 && !['completed', 'failed'].includes(status); i++) {
    await new Promise(resolve => setTimeout(resolve, 500));
    const task = await request.get(
      `${backendUrl}/api/scaffolder/v2/tasks/${id}`,
      { headers },
    );
    status = (await task.json()).status;
  }
  const events: {
    type: string;
    body: { message?: string; output?: { links?: { url?: string }[] } };
  }[] = await (
    await request.get(`${backendUrl}/api/scaffolder/v2/tasks/${id}/events`, {
      headers,
    })
  ).json();
  const log = events.map(e => e.body.message).join('\n');
  expect({ status, log }).toMatchObject({ status: 'completed' });
  expect(log).toContain('Demo: committed the workspace to file://');
  const completion = events.find(e => e.type === 'completion');
  expect(completion?.body.output?.links?.[0]?.url).toMatch(
    new RegExp(`^file://.*/github\\.com/northwind/${repo}\\.git$`),
  );
});
