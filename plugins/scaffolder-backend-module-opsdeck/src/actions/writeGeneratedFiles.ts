import { writePipelineFile } from './writePipelineFile';

/** A generated file, relative to the repository. */
export type GeneratedFileContent = { path: string; content: string };

/**
 * Writes generated files that are complete in memory (so a bad input never
 * leaves some written and others not), logs each with its size and sets the
 * `files` output.
 */
export async function writeFilesAndReport(
  ctx: {
    workspacePath: string;
    isDryRun?: boolean;
    logger: { info(message: string): void };
    output(name: 'files', value: string[]): void;
  },
  targetPath: string | undefined,
  files: GeneratedFileContent[],
): Promise<void> {
  for (const file of files) {
    await writePipelineFile(
      ctx.workspacePath,
      targetPath,
      file.path,
      file.content,
    );
    ctx.logger.info(
      `Wrote ${file.path} (${Buffer.byteLength(file.content)} bytes)${
        ctx.isDryRun ? ' [dry run]' : ''
      }`,
    );
  }
  ctx.output(
    'files',
    files.map(f => f.path),
  );
}
