/**
 * Uploads and downloads. An upload is checked against the limits of the field it is for — size while it streams in
 * (reading stops at the limit), type from the content once it is in — and only a file that passes gets a content
 * address and an `attachments` row. Who may read a file is decided by `canRead`: the uploader, platform
 * administrators, and whoever one of the read policies admits (applications/ admits whoever may see the application).
 * The purposes and read policies come from the areas that take files (upload-purposes.ts).
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import { attachments } from '../db/schema/files.ts';
import { AppError } from '../errors.ts';
import type { SessionUser } from '../access/session-user.ts';
import { hasRole } from '../access/grants.ts';
import type { FileStore } from './file-store.ts';
import { detectFileType, fileTypeLabels } from './file-type.ts';
import { defaultUploadLimits, formatMegabytes, normaliseAccept, type UploadLimits, type UploadTarget } from './file-limits.ts';
import type { Attachment, ReadPolicy, UploadPurpose } from './upload-purposes.ts';

export type { Attachment } from './upload-purposes.ts';

/** The zip directory sits at the end; 256 KiB covers Office files with thousands of parts. */
const zipDirectoryBytes = 256 * 1024;

export interface UploadSource {
  filename: string;
  stream: AsyncIterable<Uint8Array>;
}

export interface FilesService {
  store: FileStore;
  upload(target: UploadTarget, source: UploadSource): Promise<Attachment>;
  get(id: string): Promise<Attachment | undefined>;
  canRead(user: SessionUser, attachment: Attachment): Promise<boolean>;
  readBytes(attachment: Attachment): Promise<Buffer>;
}

/** Keeps the name a user gave for showing and downloading, without paths or control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return [...(cleaned || 'file')].slice(0, 200).join('');
}

export interface FilesOptions {
  /** The largest upload the server reads at all (UPLOAD_MAX_BYTES); a purpose's own limit may only be smaller. */
  serverMaxBytes: number;
  /** The upload purposes of the areas that take files; a purpose none of them answers gets the default limits. */
  purposes: readonly UploadPurpose[];
  /** Who else may read a stored file, besides its uploader and platform administrators. */
  readers: readonly ReadPolicy[];
}

export function createFilesService(db: Database, clock: Clock, store: FileStore, options: FilesOptions): FilesService {
  const { serverMaxBytes, purposes, readers } = options;
  const limitsFor = (target: UploadTarget): Promise<UploadLimits> | UploadLimits =>
    purposes.find((p) => p.matches(target.purpose))?.limits(target) ?? defaultUploadLimits;

  const service: FilesService = {
    store,

    async upload(target, source) {
      const limits = await limitsFor(target);
      const maxBytes = Math.min(limits.maxBytes, serverMaxBytes);
      const accept = normaliseAccept(limits.accept);
      const staged = await store.stage(source.stream, maxBytes);
      if (staged.status === 'too_large') throw new AppError('SB_ERR_FILE_TOO_LARGE', { limitMb: formatMegabytes(maxBytes) }, { maxBytes });
      const file = staged.file;
      try {
        if (file.size === 0) throw new AppError('SB_ERR_FILE_EMPTY');
        const detected = detectFileType(file.head, file.head.length < file.size ? await file.tail(zipDirectoryBytes) : file.head);
        const found = detected?.fileType ?? 'unknown';
        if (!detected || !accept.includes(detected.fileType)) {
          throw new AppError(
            'SB_ERR_FILE_TYPE_NOT_ACCEPTED',
            { found: fileTypeLabels[found] ?? found, accepted: accept.map((t) => fileTypeLabels[t] ?? t).join('、') },
            { found, accepted: accept },
          );
        }
        await store.commit(file);
        const [row] = await db
          .insert(attachments)
          .values({
            id: randomUUID(),
            sha256: file.sha256,
            size: file.size,
            fileType: detected.fileType,
            mediaType: detected.mediaType,
            originalName: cleanFileName(source.filename),
            uploadedBy: target.user.id,
            purpose: target.purpose,
            applicationId: target.applicationId ?? null,
            fieldPointer: target.fieldPointer ?? null,
            createdAt: clock.now(),
          })
          .returning();
        if (!row) throw new Error('insert into attachments returned no row');
        return row;
      } catch (error) {
        await store.discard(file);
        throw error;
      }
    },

    async get(id) {
      if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
      const [row] = await db.select().from(attachments).where(eq(attachments.id, id)).limit(1);
      return row;
    },

    async canRead(user, attachment) {
      if (attachment.uploadedBy === user.id || hasRole(user, 'platform_admin')) return true;
      for (const mayRead of readers) if (await mayRead(user, attachment)) return true;
      return false;
    },

    readBytes(attachment) {
      return store.readAll(attachment.sha256);
    },
  };
  return service;
}
