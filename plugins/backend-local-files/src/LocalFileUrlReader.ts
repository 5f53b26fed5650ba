import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  isChildPath,
  UrlReaderService,
  UrlReaderServiceReadTreeResponse,
  UrlReaderServiceReadUrlOptions,
  UrlReaderServiceReadUrlResponse,
  UrlReaderServiceSearchResponse,
} from '@backstage/backend-plugin-api';
import {
  ReaderFactory,
  ReadUrlResponseFactory,
} from '@backstage/backend-defaults/urlReader';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  NotModifiedError,
} from '@backstage/errors';

/**
 * Reads `file:` URLs below a configured list of directories
 * (`opsdeck.localFiles.allow`), so that files referenced by annotations of
 * locally registered entities (OpenSLO files, rotation files) can be read like
 * files in a repository. Meant for local development and catalogs registered
 * from files; catalogs in repositories are read through the SCM integrations.
 * Anything outside the allowed directories is refused.
 *
 * @public
 */
export class LocalFileUrlReader implements UrlReaderService {
  /** Creates the reader when `opsdeck.localFiles.allow` lists directories. */
  static factory: ReaderFactory = ({ config }) => {
    const roots = config.getOptionalStringArray('opsdeck.localFiles.allow');
    if (!roots || roots.length === 0) {
      return [];
    }
    const reader = new LocalFileUrlReader(roots.map(root => resolvePath(root)));
    return [{ reader, predicate: url => url.protocol === 'file:' }];
  };

  readonly #roots: string[];

  constructor(roots: string[]) {
    this.#roots = roots;
  }

  async read(url: string): Promise<Buffer> {
    const response = await this.readUrl(url);
    return response.buffer();
  }

  async readUrl(
    url: string,
    options?: UrlReaderServiceReadUrlOptions,
  ): Promise<UrlReaderServiceReadUrlResponse> {
    const path = this.#pathOf(url);
    const stats = await stat(path).catch(error => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
        throw new NotFoundError(`No file at ${url}`);
      }
      throw error;
    });
    if (!stats.isFile()) {
      throw new NotFoundError(`${url} is not a file`);
    }
    const etag = `${stats.size}-${stats.mtimeMs}`;
    if (options?.etag === etag) {
      throw new NotModifiedError();
    }
    if (
      options?.lastModifiedAfter &&
      stats.mtime <= options.lastModifiedAfter
    ) {
      throw new NotModifiedError();
    }
    return ReadUrlResponseFactory.fromReadable(createReadStream(path), {
      etag,
      lastModifiedAt: stats.mtime,
    });
  }

  async readTree(url: string): Promise<UrlReaderServiceReadTreeResponse> {
    throw new InputError(
      `Reading directory trees from local files is not supported: ${url}`,
    );
  }

  async search(url: string): Promise<UrlReaderServiceSearchResponse> {
    throw new InputError(`Searching local files is not supported: ${url}`);
  }

  toString() {
    return `localFile{roots=${this.#roots.join(',')}}`;
  }

  #pathOf(url: string): string {
    let path: string;
    try {
      path = resolvePath(fileURLToPath(new URL(url)));
    } catch {
      throw new InputError(`Not a valid file URL: ${url}`);
    }
    if (!this.#roots.some(root => isChildPath(root, path))) {
      throw new NotAllowedError(
        `Reading ${url} is not allowed: it is outside opsdeck.localFiles.allow`,
      );
    }
    return path;
  }
}
