/**
 * The file store FILE_STORE names: staging always in DATA_DIR/files/tmp (local), committed bytes on the local disk,
 * in PostgreSQL or in S3-compatible object storage.
 */
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { DiskBlobStore } from './disk-blob-store.ts';
import { StagingFileStore, type BlobStore } from './file-store.ts';
import { PostgresBlobStore } from './postgres-blob-store.ts';
import { S3BlobStore } from './s3-blob-store.ts';

export function createFileStore(config: Pick<Config, 'dataDir' | 'fileStore' | 's3'>, db: Database): StagingFileStore {
  const root = path.join(config.dataDir, 'files');
  return new StagingFileStore(path.join(root, 'tmp'), blobStoreFor(config, db, root));
}

function blobStoreFor(config: Pick<Config, 'fileStore' | 's3'>, db: Database, root: string): BlobStore {
  switch (config.fileStore) {
    case 'disk': return new DiskBlobStore(root);
    case 'postgres': return new PostgresBlobStore(db);
    case 's3': return new S3BlobStore({ ...config.s3, bucket: config.s3.bucket! });
  }
}
