import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  MetricsSource,
  sloMetricsSourcesExtensionPoint,
} from '@opsdeck/plugin-slo-node';
import { readSloConfig } from './config';
import { DemoMetricsSource } from './metrics/DemoMetricsSource';
import { MetricsSourceRegistry } from './metrics/MetricsSourceRegistry';
import { PrometheusClient } from './metrics/PrometheusClient';
import { PrometheusMetricsSource } from './metrics/PrometheusMetricsSource';
import { createRouter } from './router';
import { SloService } from './services/SloService';

/**
 * The SLO backend plugin: evaluates entities' OpenSLO files against
 * Prometheus (or sources added through the extension point) and serves the
 * results and the error-budget gate under `/api/slo`.
 *
 * @public
 */
export const sloPlugin = createBackendPlugin({
  pluginId: 'slo',
  register(env) {
    const extraSources: MetricsSource[] = [];
    env.registerExtensionPoint(sloMetricsSourcesExtensionPoint, {
      addMetricsSource(source) {
        extraSources.push(source);
      },
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        cache: coreServices.cache,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
      },
      async init({
        config,
        logger,
        httpAuth,
        httpRouter,
        cache,
        urlReader,
        catalog,
      }) {
        const sloConfig = readSloConfig(config);
        const prometheusSources = sloConfig.prometheus.map(instance =>
          PrometheusMetricsSource.create(
            PrometheusClient.create(instance, logger),
            {
              useRecordingRules: instance.useRecordingRules,
              maxQueries: sloConfig.maxQueriesPerSlo,
            },
          ),
        );
        const sources = MetricsSourceRegistry.create({
          sources: [...prometheusSources, ...extraSources],
          defaultName: sloConfig.defaultSource,
          demoSource: sloConfig.demo ? DemoMetricsSource.create() : undefined,
        });
        if (sloConfig.demo) {
          logger.info(
            'SLOs are served from recorded demo series (slo.demo: true)',
          );
        }
        const sloService = SloService.create({
          catalog,
          urlReader,
          cache,
          logger,
          sources,
          config: sloConfig,
        });
        httpRouter.use(await createRouter({ httpAuth, sloService }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
