/**
 * File bytes over REST (GraphQL carries attachment ids only):
 *   POST /api/files        multipart: fields `purpose`, `applicationId?`, `fieldPointer?` BEFORE the `file` part
 *                          (the limits depend on them) → { id, name, size, fileType }
 *   GET  /api/files/:id    download as attachment; `?inline=1` shows PDFs and images in the browser
 */
import type { Multipart, MultipartFile } from '@fastify/multipart';
import type { AppModule } from '../graphql/module.ts';
import { AppError, isAppError } from '../errors.ts';
import { restGuardContext, type Guards } from '../access/guards.ts';
import { contentDisposition } from './content-disposition.ts';
import { isInlineSafe } from './file-type.ts';
import { formatMegabytes } from './file-limits.ts';
import type { FilesService } from './files.service.ts';
import type { MalwareScanner } from './malware-scanner.ts';
import type { FastifyBaseLogger } from 'fastify';

function fieldValue(fields: MultipartFile['fields'], name: string): string | undefined {
  const entry = fields[name] as Multipart | Multipart[] | undefined;
  const first = Array.isArray(entry) ? entry[0] : entry;
  if (!first || first.type !== 'field') return undefined;
  const value = String(first.value ?? '').trim();
  return value === '' ? undefined : value;
}

/** Wraps the part's stream so that hitting the server-wide multipart limit reads as "too large", not as success. */
async function* guardedStream(part: MultipartFile, serverMaxBytes: number): AsyncIterable<Uint8Array> {
  for await (const chunk of part.file) yield chunk as Uint8Array;
  if (part.file.truncated) throw new AppError('SB_ERR_FILE_TOO_LARGE', { limitMb: formatMegabytes(serverMaxBytes) });
}

function asUploadError(error: unknown, serverMaxBytes: number): AppError {
  if (isAppError(error)) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('SB_ERR_FILE_TOO_LARGE', { limitMb: formatMegabytes(serverMaxBytes) });
  return new AppError('SB_ERR_UPLOAD_MALFORMED', {}, { reason: code ?? 'unreadable' });
}

/** Says at start whether uploads are scanned for malware, and whether the configured clamd answers. */
async function describeScanning(files: FilesService, log: FastifyBaseLogger): Promise<void> {
  const clamd = files.scanners.find((s) => s.name === 'clamd') as (MalwareScanner & { ready?: () => Promise<boolean> }) | undefined;
  if (!clamd) {
    log.warn('未配置病毒扫描（CLAMAV_SOCKET），上传文件只检查 EICAR 测试特征 / no malware scanner configured (CLAMAV_SOCKET): uploads are checked for the EICAR test signature only');
    return;
  }
  if (await clamd.ready?.()) log.info('病毒扫描已启用（clamd）/ uploads are scanned by clamd');
  else log.error('clamd 无法连接，上传将被拒绝直到恢复 / clamd does not answer: uploads are refused until it does');
}

export interface FilesModuleDeps {
  files: FilesService;
  guards: Guards;
  serverMaxBytes: number;
}

export function createFilesModule({ files, guards, serverMaxBytes }: FilesModuleDeps): AppModule {
  return {
    name: 'files',
    async routes(app) {
      await describeScanning(files, app.log);

      app.post('/api/files', async (request, reply) => {
        const user = await guards.requireUser(await restGuardContext(request));
        let part: MultipartFile | undefined;
        try {
          part = await request.file();
        } catch (error) {
          throw asUploadError(error, serverMaxBytes);
        }
        if (!part) throw new AppError('SB_ERR_UPLOAD_MALFORMED', {}, { reason: 'no file part' });
        const purpose = fieldValue(part.fields, 'purpose');
        if (!purpose) {
          part.file.resume();
          throw new AppError('SB_ERR_VALIDATION', {}, { fields: { '/purpose': [{ zh: '缺少文件用途（purpose 须在 file 之前发送）', en: 'purpose is missing (send it before the file part)' }] } });
        }
        try {
          const attachment = await files.upload(
            { purpose, applicationId: fieldValue(part.fields, 'applicationId'), fieldPointer: fieldValue(part.fields, 'fieldPointer'), user },
            { filename: part.filename, stream: guardedStream(part, serverMaxBytes) },
          );
          return reply.status(201).send({ id: attachment.id, name: attachment.originalName, size: attachment.size, fileType: attachment.fileType });
        } catch (error) {
          // Let the rest of the request body drain so the connection can answer cleanly.
          part.file.resume();
          throw asUploadError(error, serverMaxBytes);
        }
      });

      app.get<{ Params: { id: string }; Querystring: { inline?: string } }>('/api/files/:id', async (request, reply) => {
        const user = await guards.requireUser(await restGuardContext(request));
        const attachment = await files.get(request.params.id);
        if (!attachment) throw new AppError('SB_ERR_NOT_FOUND', { what: '文件' });
        // Audited where the error leaves the request (access/refusals.ts), as every refusal is.
        if (!(await files.canRead(user, attachment))) throw new AppError('SB_ERR_FORBIDDEN');
        // Only PDFs and raster images may open in the browser; everything else always downloads.
        const inline = request.query.inline === '1' && isInlineSafe(attachment.fileType);
        const content = await files.store.open(attachment.sha256);
        if (!content) {
          request.log.error({ attachment: attachment.id, sha256: attachment.sha256 }, 'file content missing from the file store');
          throw new AppError('SB_ERR_FILE_CONTENT_MISSING');
        }
        return reply
          .header('Content-Type', attachment.mediaType)
          .header('Content-Length', String(attachment.size))
          .header('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', attachment.originalName))
          .header('X-Content-Type-Options', 'nosniff')
          .header('Cache-Control', 'private, no-cache')
          .send(content);
      });
    },
  };
}

