import {
  createTemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import type { z as zImpl } from 'zod/v3';
import {
  pipelineInputSchema,
  pipelineParametersOf,
} from './pipelineInputSchema';
import { writeAndReport } from './writePipelineFile';

type Z = typeof zImpl;

/** What one CI system's action writes for a validated input. */
export type RenderedPipeline = {
  /** Path of the file, relative to the repository. */
  relativePath: string;
  content: string;
  /** Names of the jobs or stages in the file, for the log and the output. */
  parts: string[];
};

/** How a CI system's action differs from the others. */
export type PipelineActionOptions = {
  id: string;
  description: string;
  examples: TemplateExample[];
  /** Inputs beyond the shared pipeline parameters. */
  extraInput?: Record<string, (z: Z) => zImpl.ZodTypeAny>;
  /** Describes the `path` output. */
  pathDescription: string;
  /** Name and description of the output listing the parts. */
  partsOutput: { name: 'jobs' | 'stages'; description: string };
  /**
   * Renders the file from the pipeline parameters and the action's own inputs.
   *
   * @throws InputError when an input is invalid.
   */
  render(
    parameters: Record<string, unknown>,
    input: Record<string, unknown>,
  ): RenderedPipeline;
};

/**
 * An `opsdeck:ci:*` action: validates the input, writes one pipeline file
 * (also in dry-run, into the dry-run workspace) and reports what it wrote.
 */
export function createPipelineAction(options: PipelineActionOptions) {
  const { name: partsName, description: partsDescription } =
    options.partsOutput;
  return createTemplateAction({
    id: options.id,
    description: options.description,
    examples: options.examples,
    supportsDryRun: true,
    schema: {
      input: { ...pipelineInputSchema, ...options.extraInput },
      output: {
        path: (z: Z) => z.string().describe(options.pathDescription),
        [partsName]: (z: Z) => z.array(z.string()).describe(partsDescription),
      },
    },
    async handler(ctx) {
      const input = ctx.input as Record<string, unknown>;
      const rendered = options.render(pipelineParametersOf(input), input);
      await writeAndReport(
        ctx,
        input.targetPath as string | undefined,
        rendered.relativePath,
        rendered.content,
        { label: partsName, names: rendered.parts },
      );
      ctx.output(partsName, rendered.parts);
    },
  });
}
