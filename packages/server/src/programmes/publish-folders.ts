/**
 * Publishing programme folders from disk (the `publish` command and the start-up task) through ProgrammeService.publish:
 * the full check (flow walk included), then an immutable version; a folder identical to the current version is not
 * checked again.
 */
import path from 'node:path';
import type { Problem } from '@shenbao/engine';
import type { ProgrammeService, PublishStatus } from './programme.service.ts';
import { formatProblem } from './publish-check.ts';
import { readProgrammeFolder } from './read-folder.ts';

export interface FolderPublishResult {
  dir: string;
  programmeId: string | undefined;
  status: PublishStatus;
  versionId: string | undefined;
  label: string | undefined;
  problems: Problem[];
}

export async function publishFolder(programmes: ProgrammeService, dir: string, publishedBy: string | null): Promise<FolderPublishResult> {
  const files = await readProgrammeFolder(dir);
  // publish runs the full check (once) unless these exact bytes are the current version already.
  const result = await programmes.publish(files, publishedBy);
  return { dir, programmeId: result.programmeId, status: result.status, versionId: result.versionId, label: result.label, problems: result.problems };
}

/** Console lines for one result: what happened, said plainly, then the problems of a refused folder. */
export function describePublish(result: FolderPublishResult): string[] {
  const name = result.programmeId ?? path.basename(result.dir);
  switch (result.status) {
    case 'published':
      return [`${name}：已发布新版本 ${result.label ?? ''}（${result.versionId}）/ ${name}: published new version ${result.label ?? ''} (${result.versionId})`];
    case 'unchanged':
      return [`${name}：内容与已发布的版本 ${result.versionId} 相同，未新建版本 / ${name}: identical to published version ${result.versionId}, nothing new stored`];
    case 'refused':
      return [
        `${name}：有 ${result.problems.length} 个问题，未发布 / ${name}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}, not published`,
        ...result.problems.map((p) => `  ${formatProblem(p)}`),
      ];
  }
}
