import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { UserEntity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { OnCallLevels } from '@opsdeck/plugin-oncall-node';

/** Emails asked of the catalog in one request. */
const BATCH = 100;

const normalize = (email: string) => email.trim().toLocaleLowerCase('en-US');

/**
 * Links PagerDuty users to catalog Users with the same profile email
 * (case-insensitive), so the card links to their catalog page. Users the
 * caller cannot see, and emails two Users share, stay unlinked.
 */
export async function linkCatalogUsers(
  levels: OnCallLevels,
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<OnCallLevels> {
  const emails = [
    ...new Set(
      levels
        .flatMap(level => [...level.now, ...level.next])
        .map(shift => shift.user.email)
        .filter((email): email is string => Boolean(email))
        .map(normalize),
    ),
  ];
  if (emails.length === 0) return levels;
  const refsByEmail = new Map<string, string | null>();
  for (let i = 0; i < emails.length; i += BATCH) {
    const { items } = await catalog.getEntities(
      {
        filter: {
          kind: 'User',
          'spec.profile.email': emails.slice(i, i + BATCH),
        },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'spec.profile.email',
        ],
      },
      { credentials },
    );
    for (const user of items as UserEntity[]) {
      const email = user.spec?.profile?.email;
      if (!email) continue;
      const key = normalize(email);
      // an email on two Users names nobody for sure
      refsByEmail.set(
        key,
        refsByEmail.has(key) ? null : stringifyEntityRef(user),
      );
    }
  }
  return levels.map(level => {
    const link = (shifts: typeof level.now) =>
      shifts.map(shift => {
        const ref = shift.user.email
          ? refsByEmail.get(normalize(shift.user.email))
          : undefined;
        return ref
          ? { ...shift, user: { ...shift.user, userRef: ref } }
          : shift;
      });
    return { ...level, now: link(level.now), next: link(level.next) };
  });
}
