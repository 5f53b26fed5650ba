import { createFrontendPlugin } from '@backstage/frontend-plugin-api';

export const deploymentsPlugin = createFrontendPlugin({
  pluginId: 'deployments',
  extensions: [],
});
