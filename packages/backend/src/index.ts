// The Opsdeck demo backend: Backstage's core plugins plus every Opsdeck plugin.

import { createBackend } from '@backstage/backend-defaults';
import { demoOrProductionFeatures } from './features';

const backend = createBackend();

// Lets plugins read files that locally registered demo entities point at
// (OpenSLO files, rotation files), below opsdeck.localFiles.allow.
backend.add(import('@opsdeck/backend-local-files'));

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@opsdeck/plugin-scaffolder-backend-module-opsdeck'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// techdocs plugin
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth plugin; GitHub sign-in where auth.providers.github is configured
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));

// Guest sign-in, the allow-all policy and local publishing in the demo
// (opsdeck.demo.enabled); Opsdeck's permission policy and the GitHub and
// GitLab scaffolder modules everywhere else.
backend.add(demoOrProductionFeatures);

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search engine
// See https://backstage.io/docs/features/search/search-engines
backend.add(import('@backstage/plugin-search-backend-module-pg'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// kubernetes plugin
backend.add(import('@backstage/plugin-kubernetes-backend'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.add(import('@opsdeck/plugin-oncall-backend'));
backend.add(import('@opsdeck/plugin-oncall-backend-module-pagerduty'));
backend.add(import('@opsdeck/plugin-cost-backend'));
backend.add(import('@opsdeck/plugin-cost-backend-module-parquet'));
backend.add(import('@opsdeck/plugin-deployments-backend'));
backend.add(import('@opsdeck/plugin-deployments-backend-module-argocd'));
backend.add(import('@opsdeck/plugin-slo-backend'));
backend.start();
