import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import deploymentsPlugin from '@opsdeck/plugin-deployments/alpha';
import oncallPlugin from '@opsdeck/plugin-oncall/alpha';
import costPlugin from '@opsdeck/plugin-cost/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { signInModule } from './modules/signIn';
import sloPlugin from '@opsdeck/plugin-slo/alpha';

export default createApp({
  features: [
    catalogPlugin,
    navModule,
    homeModule,
    signInModule,
    sloPlugin,
    deploymentsPlugin,
    oncallPlugin,
    costPlugin,
  ],
});
