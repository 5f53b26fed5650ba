import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';

/** The string recorded as author of a change: a User ref or `service:<subject>`. */
export function authorOf(
  auth: AuthService,
  credentials: BackstageCredentials,
): string {
  if (auth.isPrincipal(credentials, 'user')) {
    return credentials.principal.userEntityRef;
  }
  if (auth.isPrincipal(credentials, 'service')) {
    return `service:${credentials.principal.subject}`;
  }
  return 'unknown';
}
