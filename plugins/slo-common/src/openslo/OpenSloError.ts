/** One problem found in an OpenSLO file. @public */
export interface OpenSloIssue {
  /** Name of the file (or URL) the problem is in. */
  file: string;
  /** Path of the field, e.g. `SLO checkout-availability: spec.objectives[0].target`. */
  field: string;
  problem: string;
}

/**
 * Thrown when an OpenSLO file is malformed or semantically wrong; the
 * message lists every problem with file, field and explanation.
 *
 * @public
 */
export class OpenSloError extends Error {
  readonly issues: OpenSloIssue[];

  constructor(issues: OpenSloIssue[]) {
    super(
      issues
        .map(issue => `${issue.file}: ${issue.field}: ${issue.problem}`)
        .join('; '),
    );
    this.name = 'OpenSloError';
    this.issues = issues;
  }
}
