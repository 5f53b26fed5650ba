import { z } from 'zod';
import { explainUnsafeText, SafeTextRules } from '../pipeline/safeText';

const ANYTHING = /^[\s\S]*$/;

/**
 * Explains why `value` may not appear in generated Terraform, or returns
 * undefined. On top of the pipeline text rules it refuses HCL template
 * directives (`%{`), which the pipeline rules do not know about.
 */
export function explainUnsafeTerraformText(
  value: string,
  rules: SafeTextRules,
): string | undefined {
  const dangerous = explainUnsafeText(value, { ...rules, pattern: ANYTHING });
  if (dangerous) {
    return dangerous;
  }
  if (value.includes('%{')) {
    return "must not contain '%{' (HCL template directive)";
  }
  return explainUnsafeText(value, rules);
}

/** A zod string accepted only when it is safe to place in an HCL string. */
export function terraformText(rules: SafeTextRules) {
  return z.string().superRefine((value, ctx) => {
    const problem = explainUnsafeTerraformText(value, rules);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
    }
  });
}
