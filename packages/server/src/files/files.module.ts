/**
 * File bytes over REST (GraphQL carries attachment ids only):
 *   POST /api/files        multipart: fields `purpose`, `applicationId?`, `fieldPointer?` BEFORE the `file` part
 *                          (the limits depend on them) → { id, name, size, fileType }
 *   GET  /api/files/:id    download as attachment; `?inline=1` shows PDFs and images in the browser
 */
import type { FastifyRequest } from 'fastify';
import type { Multipart, MultipartFile } from '@fastify/multipart';
import type { AppModule } from '../graphql/module.ts';
import type { Services } from '../services.ts';
import { AppError, isAppError } from '../errors.ts';
import { requireUser } from '../auth/guards.ts';
import { sessionUserOf } from '../auth/request-session.ts';
import { contentDisposition } from './content-disposition.ts';
import { isInlineSafe } from './file-type.ts';
import { formatMegabytes } from './file-limits.ts';
import { clamdScanner, eicarScanner } from './malware-scanner.ts';

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

async function guardContext(request: FastifyRequest, services: Services) {
  return { services, request, user: await sessionUserOf(request, services) };
}

/** The upload policy from the configuration: quotas, and ClamAV when CLAMAV_SOCKET is set (said at start either way). */
async function configureUploads(services: Services): Promise<void> {
  const { config, files, logger } = services;
  files.policy.quota = {
    userFilesPerDay: config.uploadUserFilesPerDay,
    userBytesPerDay: config.uploadUserMbPerDay * 1024 * 1024,
    applicationFiles: config.uploadApplicationFiles,
    applicationBytes: config.uploadApplicationMb * 1024 * 1024,
  };
  if (!config.clamavSocket) {
    const line = '未配置病毒扫描（CLAMAV_SOCKET），上传文件只检查 EICAR 测试特征 / no malware scanner configured (CLAMAV_SOCKET): uploads are checked for the EICAR test signature only';
    if (config.env === 'production') logger.warn(line);
    else logger.info(line);
    return;
  }
  const clamd = clamdScanner(config.clamavSocket);
  files.policy.scanners = [eicarScanner, clamd];
  if (await clamd.ready()) logger.info(`病毒扫描已启用 / malware scanning with clamd at ${config.clamavSocket}`);
  else logger.error(`clamd 无法连接（${config.clamavSocket}），上传将被拒绝直到恢复 / clamd at ${config.clamavSocket} does not answer: uploads are refused until it does`);
}

export const filesModule: AppModule = {
  name: 'files',
  async routes(app, services) {
    const serverMaxBytes = services.config.uploadMaxBytes;
    await configureUploads(services);

    app.post('/api/files', async (request, reply) => {
      const user = await requireUser(await guardContext(request, services));
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
        const attachment = await services.files.upload(
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
      const ctx = await guardContext(request, services);
      const user = await requireUser(ctx);
      const attachment = await services.files.get(request.params.id);
      if (!attachment) throw new AppError('SB_ERR_NOT_FOUND', { what: '文件' });
      if (!(await services.files.canRead(user, attachment))) {
        await services.audit.record({ actorId: user.id, action: 'access.denied', result: 'refused', subjectType: 'attachment', subjectId: attachment.id, ip: request.ip, details: { code: 'SB_ERR_FORBIDDEN' } });
        throw new AppError('SB_ERR_FORBIDDEN');
      }
      // Only PDFs and raster images may open in the browser; everything else always downloads.
      const inline = request.query.inline === '1' && isInlineSafe(attachment.fileType);
      return reply
        .header('Content-Type', attachment.mediaType)
        .header('Content-Length', String(attachment.size))
        .header('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', attachment.originalName))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'private, no-cache')
        .send(services.files.store.open(attachment.sha256));
    });
  },
};

