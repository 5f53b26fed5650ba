import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { OverrideStore, StoredOverride } from './OverrideStore';
import { toIso } from './toIso';

const TABLE = 'oncall_overrides';

type OverrideRow = {
  id: string;
  rotation_entity_ref: string;
  schedule: string;
  user_ref: string;
  start_at: Date | string | number;
  end_at: Date | string | number;
  created_by: string;
  created_at: Date | string | number;
};

/** Knex implementation of {@link OverrideStore}. */
export class DatabaseOverrideStore implements OverrideStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): DatabaseOverrideStore {
    return new DatabaseOverrideStore(db);
  }

  async createOverride(
    override: Omit<StoredOverride, 'id' | 'createdAt'>,
  ): Promise<StoredOverride> {
    const id = randomUUID();
    await this.db<OverrideRow>(TABLE).insert({
      id,
      rotation_entity_ref: override.rotationEntityRef,
      schedule: override.schedule,
      user_ref: override.userRef,
      start_at: new Date(override.start),
      end_at: new Date(override.end),
      created_by: override.createdBy,
      created_at: new Date(),
    });
    return (await this.getOverride(id))!;
  }

  async listOverrides(
    rotationEntityRef: string,
    endingAfter: Date,
  ): Promise<StoredOverride[]> {
    const rows = await this.db<OverrideRow>(TABLE)
      .where({ rotation_entity_ref: rotationEntityRef })
      .where('end_at', '>', endingAfter)
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toOverride);
  }

  async getOverride(id: string): Promise<StoredOverride | undefined> {
    const row = await this.db<OverrideRow>(TABLE).where({ id }).first();
    return row ? toOverride(row) : undefined;
  }

  async deleteOverride(id: string): Promise<boolean> {
    return (await this.db<OverrideRow>(TABLE).where({ id }).delete()) > 0;
  }
}

function toOverride(row: OverrideRow): StoredOverride {
  return {
    id: row.id,
    rotationEntityRef: row.rotation_entity_ref,
    schedule: row.schedule,
    userRef: row.user_ref,
    start: toIso(row.start_at),
    end: toIso(row.end_at),
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
  };
}
