import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { oncallProvidersExtensionPoint } from '@opsdeck/plugin-oncall-node';
import { readPagerDutyConfig } from './config';
import { createPagerDutyProvider } from './provider/createPagerDutyProvider';

/**
 * PagerDuty provider for the on-call backend; off without
 * `oncall.pagerduty` in config.
 *
 * @public
 */
export const oncallModulePagerduty = createBackendModule({
  pluginId: 'oncall',
  moduleId: 'pagerduty',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        logger: coreServices.logger,
        oncall: oncallProvidersExtensionPoint,
      },
      async init({ catalog, config, logger, oncall }) {
        const settings = readPagerDutyConfig(config);
        if (!settings) {
          logger.info('No oncall.pagerduty config: PagerDuty provider off');
          return;
        }
        oncall.addProvider(createPagerDutyProvider(settings, catalog));
        logger.info('PagerDuty on-call provider added', {
          apiBaseUrl: settings.apiBaseUrl,
          eventsBaseUrl: settings.eventsBaseUrl,
          servicesWithRoutingKeys: settings.routingKeys.size,
          incidentChanges: Boolean(settings.fromEmail),
        });
      },
    });
  },
});
