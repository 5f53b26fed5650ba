import { Link } from '@backstage/core-components';
import { OnCallUser } from '@opsdeck/plugin-oncall-common';
import { shortRef } from './formatting';

/** A person on call with their contact link (catalog page, e-mail, profile). */
export function PersonLink(props: { user: OnCallUser }) {
  const { user } = props;
  const name =
    user.displayName ?? (user.userRef ? shortRef(user.userRef) : 'Unknown');
  const profile = user.userRef
    ? `/catalog/default/user/${encodeURIComponent(shortRef(user.userRef))}`
    : user.url;
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
