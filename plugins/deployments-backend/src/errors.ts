import { CustomErrorBase, InputError } from '@backstage/errors';

/**
 * A request body over the configured size limit (HTTP 413).
 *
 * @public
 */
export class RequestTooLargeError extends CustomErrorBase {
  name = 'RequestTooLargeError' as const;
  readonly statusCode = 413;
}

/**
 * An event for an entity the catalog does not know.
 *
 * @public
 */
export class UnknownEntityError extends InputError {}
