import { RotationOverride } from '@opsdeck/plugin-oncall-common';

/** A stored override with its owner rotation and author. */
export interface StoredOverride extends RotationOverride {
  rotationEntityRef: string;
  createdBy: string;
  createdAt: string;
}

/** Storage of rotation overrides. */
export interface OverrideStore {
  createOverride(
    override: Omit<StoredOverride, 'id' | 'createdAt'>,
  ): Promise<StoredOverride>;
  /** Overrides of a rotation that end after `endingAfter`, oldest first. */
  listOverrides(
    rotationEntityRef: string,
    endingAfter: Date,
  ): Promise<StoredOverride[]>;
  getOverride(id: string): Promise<StoredOverride | undefined>;
  /** Returns false when there was nothing to delete. */
  deleteOverride(id: string): Promise<boolean>;
}
