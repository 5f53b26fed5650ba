import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  DEPLOYMENT_INCIDENT_LINKS_PATH,
  IncidentLinkInput,
} from '@opsdeck/plugin-deployments-common';
import { IncidentDeployment } from '@opsdeck/plugin-oncall-common';

/** Plugin id of the deployments backend, whose incident-links route is called. */
const DEPLOYMENTS_PLUGIN_ID = 'deployments';

/** How long the deployments backend may take to answer. */
const LINK_TIMEOUT_MS = 10_000;

/**
 * Links incidents to the deployment that caused them in the deployments
 * backend, over HTTP with the on-call plugin's own service credentials, so
 * that the deployment counts as a change failure. The deployments plugin is
 * optional: when it is absent, down or refuses the link, the outcome says so
 * and nothing throws.
 */
export class DeploymentIncidentLinker {
  constructor(
    private readonly auth: AuthService,
    private readonly discovery: DiscoveryService,
    private readonly logger: LoggerService,
  ) {}

  /** Links the incident; returns a sentence for the incident's timeline. */
  async link(incident: {
    id: string;
    entityRef: string;
    deployment: IncidentDeployment;
  }): Promise<string> {
    const { environment, version } = incident.deployment;
    const target = `version ${version} in ${environment}`;
    const body: IncidentLinkInput = {
      incidentRef: `oncall:${incident.id}`,
      entityRef: incident.entityRef,
      environment,
      version,
    };
    try {
      const { token } = await this.auth.getPluginRequestToken({
        onBehalfOf: await this.auth.getOwnServiceCredentials(),
        targetPluginId: DEPLOYMENTS_PLUGIN_ID,
      });
      const baseUrl = await this.discovery.getBaseUrl(DEPLOYMENTS_PLUGIN_ID);
      const response = await fetch(
        `${baseUrl}${DEPLOYMENT_INCIDENT_LINKS_PATH}`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(LINK_TIMEOUT_MS),
        },
      );
      if (!response.ok) {
        throw new Error(
          `the deployments backend answered ${
            response.status
          }: ${await errorMessage(response)}`,
        );
      }
      const result = (await response.json()) as { deploymentKey?: string };
      this.logger.info('Linked incident to deployment', {
        id: incident.id,
        entityRef: incident.entityRef,
        environment,
        version,
      });
      return `Linked to the deployment of ${target} (${String(
        result.deploymentKey,
      )}); it counts as a change failure.`;
    } catch (e) {
      const message = (e as Error).message;
      this.logger.warn('Could not link incident to deployment', {
        id: incident.id,
        entityRef: incident.entityRef,
        environment,
        version,
        error: message,
      });
      return `Could not link to the deployment of ${target}: ${message}`;
    }
  }
}

async function errorMessage(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === 'string') {
      return parsed.error.message.slice(0, 500);
    }
  } catch {
    // not JSON: the status text says enough
  }
  return response.statusText || 'no reason given';
}
