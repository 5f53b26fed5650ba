import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { OnCallUser } from '@opsdeck/plugin-oncall-common';
import { shortRef } from './formatting';

/** The catalog page of a User, in whatever namespace it lives. */
function catalogPath(userRef: string): string {
  const { namespace, name } = parseEntityRef(userRef, {
    defaultKind: 'user',
    defaultNamespace: 'default',
  });
  return `/catalog/${encodeURIComponent(namespace)}/user/${encodeURIComponent(
    name,
  )}`;
}

/** A person on call with their contact link (catalog page, e-mail, profile). */
export function PersonLink(props: { user: OnCallUser }) {
  const { user } = props;
  const name =
    user.displayName ?? (user.userRef ? shortRef(user.userRef) : 'Unknown');
  const profile = user.userRef ? catalogPath(user.userRef) : user.url;
  return (
    <>
      {profile ? <Link to={profile}>{name}</Link> : name}
      {user.email && (
        <>
          {' · '}
          <Link to={`mailto:${user.email}`}>{user.email}</Link>
        </>
      )}
    </>
  );
}
