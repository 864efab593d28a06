import { chainHash, contentDigest } from '../../event-store/src/hashing';
import type { ChainedEvent } from './chain-checker';

/**
 * Whether an event's stored hash is the one its content and its stored prevHash give
 * (docs/event-hashing.md). Imports only the hashing code, so the digest workers load no drivers.
 */
export const storedHashHolds = (e: Pick<ChainedEvent, 'id' | 'type' | 'storedSchemaVersion' | 'data' | 'metadata' | 'prevHash' | 'streamId' | 'revision' | 'hash'>): boolean =>
  chainHash(e.prevHash ?? null, e.streamId, e.revision, contentDigest({ id: e.id, type: e.type, schemaVersion: e.storedSchemaVersion, data: e.data, metadata: e.metadata })) === e.hash;
