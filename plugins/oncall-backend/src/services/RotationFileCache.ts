import { CacheService, UrlReaderService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';

interface CachedRotationFile {
  [key: string]: string | number;
  text: string;
  /** ETag of the source, empty where the reader has none. */
  etag: string;
  /** When the source was last asked (ms since the epoch). */
  checkedAt: number;
}

/** How long an unused entry stays in the cache. */
const ENTRY_TTL_MS = 24 * 3_600_000;

/**
 * Rotation file texts through the cache service. A file read less than
 * `freshForMs` ago is served without asking its source; after that it is
 * revalidated with its ETag (`readUrl(url, { etag })`), which costs the
 * source a not-modified answer instead of the file where the reader
 * supports it. Several backend replicas share the entries when the cache
 * service is shared (Redis).
 */
export class RotationFileCache {
  private constructor(
    private readonly urlReader: UrlReaderService,
    private readonly cache: CacheService,
    private readonly freshForMs: number,
    private readonly now: () => number,
  ) {}

  static create(options: {
    urlReader: UrlReaderService;
    cache: CacheService;
    freshForMs: number;
    now?: () => number;
  }): RotationFileCache {
    return new RotationFileCache(
      options.urlReader,
      options.cache,
      options.freshForMs,
      options.now ?? Date.now,
    );
  }

  async read(url: string): Promise<string> {
    const key = `rotation-file:${url}`;
    const cached = (await this.cache.get(key)) as
      | CachedRotationFile
      | undefined;
    const now = this.now();
    if (cached && now - cached.checkedAt < this.freshForMs) {
      return cached.text;
    }
    let entry: CachedRotationFile;
    try {
      const response = await this.urlReader.readUrl(
        url,
        cached?.etag ? { etag: cached.etag } : undefined,
      );
      entry = {
        text: (await response.buffer()).toString('utf8'),
        etag: response.etag ?? '',
        checkedAt: now,
      };
    } catch (error) {
      if (!cached || !isError(error) || error.name !== 'NotModifiedError') {
        throw error;
      }
      entry = { ...cached, checkedAt: now };
    }
    await this.cache.set(key, entry, { ttl: ENTRY_TTL_MS });
    return entry.text;
  }
}
