import { SignInPage, SignInProviderConfig } from '@backstage/core-components';
import {
  configApiRef,
  githubAuthApiRef,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';

const githubProvider: SignInProviderConfig = {
  id: 'github-auth-provider',
  title: 'GitHub',
  message: 'Sign in using GitHub',
  apiRef: githubAuthApiRef,
};

/**
 * Guest sign-in in the demo (`opsdeck.demo.enabled: true`, set by
 * app-config.yaml only), GitHub sign-in everywhere else: the backend adds the
 * guest provider only in the demo.
 */
export function OpsdeckSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const demo = config.getOptionalBoolean('opsdeck.demo.enabled') ?? false;
  return (
    <SignInPage {...props} providers={demo ? ['guest'] : [githubProvider]} />
  );
}
