// Validates GitHub Actions workflows with GitHub's own parser
// (@actions/workflow-parser). Reads [{ name, content }] as JSON on stdin and
// prints [{ name, errors }] as JSON. The parser is ESM and imports JSON without
// import attributes, so a load hook adds them.
import { registerHooks } from 'node:module';

registerHooks({
  load(url, context, nextLoad) {
    if (url.endsWith('.json')) {
      return nextLoad(url, {
        ...context,
        importAttributes: { ...context.importAttributes, type: 'json' },
      });
    }
    return nextLoad(url, context);
  },
});

const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } =
  await import('@actions/workflow-parser');
const { ErrorPolicy } = await import('@actions/workflow-parser/model/convert');

let input = '';
for await (const chunk of process.stdin) input += chunk;
const files = JSON.parse(input);
const results = [];
for (const file of files) {
  const parsed = parseWorkflow(
    { name: file.name, content: file.content },
    new NoOperationTraceWriter(),
  );
  const errors = parsed.context.errors.getErrors().map(e => e.message);
  if (parsed.value) {
    const template = await convertWorkflowTemplate(
      parsed.context,
      parsed.value,
      undefined,
      {
        errorPolicy: ErrorPolicy.TryConversion,
      },
    );
    for (const e of template.errors ?? [])
      errors.push(e.Message ?? e.message ?? String(e));
  } else {
    errors.push('the workflow could not be parsed');
  }
  results.push({ name: file.name, errors: [...new Set(errors)] });
}
process.stdout.write(JSON.stringify(results));
