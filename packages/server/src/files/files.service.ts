/**
 * Uploads and downloads. An upload is checked against the limits of the field it is for — size while it streams in
 * (reading stops at the limit), type from the content once it is in — and only a file that passes gets a content
 * address and an `attachments` row. Who may read a file is decided by `canRead`: the uploader, platform
 * administrators, and whoever one of the read policies admits (applications/ admits whoever may see the application).
 * The purposes and read policies come from the areas that take files (upload-purposes.ts).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gt, notLike, sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import { attachments } from '../db/schema/files.ts';
import { AppError } from '../errors.ts';
import type { SessionUser } from '../access/session-user.ts';
import { hasRole } from '../access/grants.ts';
import type { FileStore } from './file-store.ts';
import { detectFileType, fileTypeExtensions, fileTypeLabels } from './file-type.ts';
import { defaultUploadQuota, formatMegabytes, normaliseAccept, type UploadQuota, type UploadTarget } from './file-limits.ts';
import { purposeFor, type Attachment, type ReadPolicy, type UploadPurpose } from './upload-purposes.ts';
import { findPdfActiveContent } from './pdf-active-content.ts';
import { eicarScanner, ScannerUnavailableError, type MalwareScanner } from './malware-scanner.ts';

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
  /** The scanners every upload passes (the EICAR check first), for the start-up line about malware scanning. */
  readonly scanners: readonly MalwareScanner[];
}

/**
 * Bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) let a name display other than it
 * is: "invoice\u202Efdp.exe" shows as "invoiceexe.pdf". They have no business in a file name; nor have other
 * invisible or control characters.
 */
// eslint-disable-next-line no-control-regex
const invisibleInNames = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Keeps the name a user gave for showing and downloading, without paths, control or bidirectional characters, and
 * with an extension that says what the content is: a PDF named `setup.exe` is kept as `setup.exe.pdf`.
 */
export function cleanFileName(name: string, fileType?: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(invisibleInNames, '').trim();
  let result = [...(cleaned || 'file')].slice(0, 200).join('');
  const extensions = fileType ? fileTypeExtensions[fileType] : undefined;
  if (extensions && !extensions.includes((/\.([^.]+)$/.exec(result)?.[1] ?? '').toLowerCase())) result = `${result}.${extensions[0]}`;
  return result;
}

/** What a user uploaded in the last day, or what an application holds, in distinct contents (see UploadQuota). */
async function usage(db: Database, where: SQL | undefined): Promise<{ files: number; bytes: number }> {
  const contents = db.selectDistinctOn([attachments.sha256], { sha256: attachments.sha256, size: attachments.size }).from(attachments).where(where).as('contents');
  const [row] = await db.select({ files: sql<number>`count(*)::int`, bytes: sql<string>`coalesce(sum(${contents.size}), 0)::bigint` }).from(contents);
  return { files: Number(row?.files ?? 0), bytes: Number(row?.bytes ?? 0) };
}

export interface FilesOptions {
  /** The largest upload the server reads at all (UPLOAD_MAX_BYTES); a purpose's own limit may only be smaller. */
  serverMaxBytes: number;
  /** The upload purposes of the areas that take files: the closed list; a purpose none of them answers is refused. */
  purposes: readonly UploadPurpose[];
  /** Who else may read a stored file, besides its uploader and platform administrators. */
  readers: readonly ReadPolicy[];
  /** Per user per day and per application (UPLOAD_USER_*, UPLOAD_APPLICATION_*); defaults when left out. */
  quota?: UploadQuota;
  /** Malware scanners besides the always-on EICAR check (clamd when CLAMAV_SOCKET is set). */
  scanners?: readonly MalwareScanner[];
}

export function createFilesService(db: Database, clock: Clock, store: FileStore, options: FilesOptions): FilesService {
  const { serverMaxBytes, purposes, readers } = options;
  const quota = options.quota ?? defaultUploadQuota;
  const scanners = [eicarScanner, ...(options.scanners ?? [])];
  /** Uploads by people, not files the platform made (prints) or registered again (a unit's report letter). */
  const uploadedByPeople = and(notLike(attachments.purpose, 'print%'), notLike(attachments.purpose, 'report:%'));

  async function checkQuota(target: UploadTarget, incomingBytes: number): Promise<void> {
    const since = new Date(clock.now().getTime() - 24 * 3600_000);
    const mine = await usage(db, and(eq(attachments.uploadedBy, target.user.id), gt(attachments.createdAt, since), notLike(attachments.purpose, 'print%')));
    if (mine.files + 1 > quota.userFilesPerDay || mine.bytes + incomingBytes > quota.userBytesPerDay) {
      throw new AppError('SB_ERR_UPLOAD_QUOTA_USER', {
        files: mine.files, usedMb: formatMegabytes(mine.bytes), limitFiles: quota.userFilesPerDay, limitMb: formatMegabytes(quota.userBytesPerDay),
      }, { files: mine.files, bytes: mine.bytes, limitFiles: quota.userFilesPerDay, limitBytes: quota.userBytesPerDay });
    }
    if (!target.applicationId) return;
    const held = await usage(db, and(eq(attachments.applicationId, target.applicationId), uploadedByPeople));
    if (held.files + 1 > quota.applicationFiles || held.bytes + incomingBytes > quota.applicationBytes) {
      throw new AppError('SB_ERR_UPLOAD_QUOTA_APPLICATION', { limitFiles: quota.applicationFiles, limitMb: formatMegabytes(quota.applicationBytes) },
        { files: held.files, bytes: held.bytes, limitFiles: quota.applicationFiles, limitBytes: quota.applicationBytes });
    }
  }

  const service: FilesService = {
    store,
    scanners,

    async upload(target, source) {
      // The closed list first: an unknown purpose, or an application named where none belongs, reads no byte.
      const purpose = purposeFor(purposes, target);
      const limits = await purpose.limits(target);
      // A user (or application) already at the quota gets the answer before the file is read.
      await checkQuota(target, 0);
      const maxBytes = Math.min(limits.maxBytes, serverMaxBytes);
      const accept = normaliseAccept(limits.accept);
      const staged = await store.stage(source.stream, maxBytes);
      if (staged.status === 'too_large') throw new AppError('SB_ERR_FILE_TOO_LARGE', { limitMb: formatMegabytes(maxBytes) }, { maxBytes });
      const file = staged.file;
      try {
        if (file.size === 0) throw new AppError('SB_ERR_FILE_EMPTY');
        const detected = detectFileType(file.head, file.head.length < file.size ? await file.tail(zipDirectoryBytes) : file.head);
        const found = detected?.fileType ?? 'unknown';
        // HTML, scripts and programs are refused whatever a field accepts.
        if (!detected || detected.dangerous || !accept.includes(detected.fileType)) {
          throw new AppError(
            'SB_ERR_FILE_TYPE_NOT_ACCEPTED',
            { found: fileTypeLabels[found] ?? found, accepted: accept.map((t) => fileTypeLabels[t] ?? t).join('、') },
            { found, accepted: accept },
          );
        }
        if (detected.fileType === 'pdf') {
          const active = findPdfActiveContent(await file.readAll());
          if (active.length > 0) throw new AppError('SB_ERR_FILE_ACTIVE_CONTENT', { found: active.join(', ') }, { found: active });
        }
        await checkQuota(target, file.size);
        for (const scanner of scanners) {
          let verdict;
          try {
            verdict = await scanner.scan(() => file.open());
          } catch (error) {
            if (error instanceof ScannerUnavailableError) throw new AppError('SB_ERR_SCANNER_UNAVAILABLE', {}, { scanner: error.scanner });
            throw error;
          }
          if (verdict.infected) throw new AppError('SB_ERR_FILE_INFECTED', { signature: verdict.signature }, { scanner: scanner.name, signature: verdict.signature });
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
            originalName: cleanFileName(source.filename, detected.fileType),
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
