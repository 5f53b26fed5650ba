import type {
  DeploymentEventConflictPolicy,
  DeploymentsStore,
  NewDeploymentEvent,
} from './DeploymentsStore';

type WriteResult = Awaited<ReturnType<DeploymentsStore['insertEvents']>>;

interface PendingWrite {
  events: NewDeploymentEvent[];
  conflicts: DeploymentEventConflictPolicy;
  resolve(results: WriteResult): void;
  reject(error: unknown): void;
}

/**
 * Writes events through the store one transaction at a time, and puts every
 * write that arrives while a transaction is running into the next one (group
 * commit): a flood of single-event requests costs one durable commit per
 * group instead of one per event. Each write still resolves only once its
 * events are committed. When a group fails, its writes are retried one by one
 * so that one bad write fails alone. Only writes with the same conflict policy
 * share a group.
 *
 * @public
 */
export class GroupCommitEventWriter {
  readonly #store: Pick<DeploymentsStore, 'insertEvents'>;
  readonly #maxEventsPerCommit: number;
  #pending: PendingWrite[] = [];
  #running = false;

  constructor(options: {
    store: Pick<DeploymentsStore, 'insertEvents'>;
    /** A group takes writes until it holds this many events (at least one write). */
    maxEventsPerCommit: number;
  }) {
    this.#store = options.store;
    this.#maxEventsPerCommit = options.maxEventsPerCommit;
  }

  /** Stores the events, all or none; resolves once they are committed. */
  write(
    events: NewDeploymentEvent[],
    options: { conflicts?: DeploymentEventConflictPolicy } = {},
  ): Promise<WriteResult> {
    const conflicts = options.conflicts ?? 'reject';
    return new Promise<WriteResult>((resolve, reject) => {
      this.#pending.push({ events, conflicts, resolve, reject });
      if (!this.#running) {
        this.#running = true;
        void this.#drain();
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#pending.length > 0) {
      await this.#commit(this.#nextGroup());
    }
    this.#running = false;
  }

  #nextGroup(): PendingWrite[] {
    let count = this.#pending[0].events.length;
    let size = 1;
    while (
      size < this.#pending.length &&
      this.#pending[size].conflicts === this.#pending[0].conflicts &&
      count + this.#pending[size].events.length <= this.#maxEventsPerCommit
    ) {
      count += this.#pending[size].events.length;
      size += 1;
    }
    return this.#pending.splice(0, size);
  }

  async #commit(group: PendingWrite[]): Promise<void> {
    if (group.length > 1) {
      try {
        const results = await this.#store.insertEvents(
          group.flatMap(write => write.events),
          { conflicts: group[0].conflicts },
        );
        let offset = 0;
        for (const write of group) {
          write.resolve(results.slice(offset, offset + write.events.length));
          offset += write.events.length;
        }
        return;
      } catch {
        // fall through: find the write that fails, commit the others
      }
    }
    for (const write of group) {
      try {
        write.resolve(
          await this.#store.insertEvents(write.events, {
            conflicts: write.conflicts,
          }),
        );
      } catch (error) {
        write.reject(error);
      }
    }
  }
}
