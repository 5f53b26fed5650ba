import { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { UnknownEntityPolicy } from './services/DeploymentIngestionService';

/** The plugin's configuration, read once at start. */
export interface DeploymentsSettings {
  unknownEntities: UnknownEntityPolicy;
  maxBodyBytes: number;
  maxClockSkewSeconds: number;
  productionEnvironments: string[];
  defaultPeriodDays: number;
  demoSeedFile?: string;
  demoShiftToNow: boolean;
}

export function readDeploymentsSettings(
  config: RootConfigService,
): DeploymentsSettings {
  const unknownEntities =
    config.getOptionalString('deployments.ingestion.unknownEntities') ??
    'reject';
  if (unknownEntities !== 'reject' && unknownEntities !== 'hold') {
    throw new InputError(
      `deployments.ingestion.unknownEntities must be "reject" or "hold", got ${JSON.stringify(
        unknownEntities,
      )}`,
    );
  }
  const maxBodyBytes =
    config.getOptionalNumber('deployments.ingestion.maxBodyBytes') ??
    2 * 1024 * 1024;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1024) {
    throw new InputError(
      'deployments.ingestion.maxBodyBytes must be a whole number of bytes, at least 1024',
    );
  }
  const maxClockSkewSeconds =
    config.getOptionalNumber('deployments.ingestion.maxClockSkewSeconds') ??
    300;
  if (
    !Number.isInteger(maxClockSkewSeconds) ||
    maxClockSkewSeconds < 0 ||
    maxClockSkewSeconds > 86_400
  ) {
    throw new InputError(
      'deployments.ingestion.maxClockSkewSeconds must be a whole number of seconds from 0 to 86400',
    );
  }
  const defaultPeriodDays =
    config.getOptionalNumber('deployments.dora.defaultPeriodDays') ?? 90;
  if (!(defaultPeriodDays > 0 && defaultPeriodDays <= 366)) {
    throw new InputError(
      'deployments.dora.defaultPeriodDays must be between 1 and 366',
    );
  }
  return {
    unknownEntities,
    maxBodyBytes,
    maxClockSkewSeconds,
    productionEnvironments: config.getOptionalStringArray(
      'deployments.dora.productionEnvironments',
    ) ?? ['production'],
    defaultPeriodDays,
    demoSeedFile: config.getOptionalString('deployments.demo.seedFile'),
    demoShiftToNow:
      config.getOptionalBoolean('deployments.demo.shiftToNow') ?? true,
  };
}
