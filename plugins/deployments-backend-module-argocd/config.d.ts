import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  deployments?: {
    /** Argo CD instances the deployments plugin reads from and rolls back through. */
    argocd?: {
      /** One or more Argo CD instances; the first is the default. */
      instances: Array<{
        /** Name, matched against an entity's `argocd/instance-name` annotation. */
        name: string;
        /** Base URL of the Argo CD API server, e.g. https://argocd.example.com. */
        url: string;
        /**
         * Argo CD API token (a project or account token allowed to get and
         * roll back the applications).
         * @visibility secret
         */
        token: string;
        /** Environment the instance deploys to (default `production`). */
        environment?: string;
      }>;
      /** Sync schedule (default every 5 minutes, timeout 3 minutes). */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
