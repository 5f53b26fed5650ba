/**
 * The one place where the GitHub Actions used by generated workflows are
 * pinned. Each entry maps an action to the full commit SHA of a released tag;
 * the tag is written next to it as a comment. Update both together.
 *
 * @public
 */
export const PINNED_ACTIONS = {
  'actions/checkout': {
    sha: '11bd71901bbe5b1630ceea73d27597364c9af683',
    version: 'v4.2.2',
  },
  'actions/setup-node': {
    sha: '49933ea5288caeca8642d1e84afbd3f7d6820020',
    version: 'v4.4.0',
  },
  'actions/setup-python': {
    sha: 'a26af69be951a213d495a4c3e4e4022e16d87065',
    version: 'v5.6.0',
  },
  'actions/setup-go': {
    sha: 'd35c59abb061a4a6fb18e82ac0862c26744d6ab5',
    version: 'v5.5.0',
  },
  'actions/setup-java': {
    sha: 'c5195efecf7bdfc987ee8bae7a71cb8b11521c00',
    version: 'v4.7.1',
  },
  'actions/cache': {
    sha: '5a3ec84eff668545956fd18022155c47e93e2684',
    version: 'v4.2.3',
  },
  'docker/setup-buildx-action': {
    sha: 'b5ca514318bd6ebac0fb2aedd5d36ec1b5c232a2',
    version: 'v3.10.0',
  },
  'docker/login-action': {
    sha: '74a5d142397b4f367a81961eba4e8cd7edddf772',
    version: 'v3.4.0',
  },
  'docker/build-push-action': {
    sha: '263435318d21b8e681c14492fe198d362a7d2c83',
    version: 'v6.18.0',
  },
  'aws-actions/configure-aws-credentials': {
    sha: 'b47578312673ae6fa5b5096b330d9fbac3d116df',
    version: 'v4.2.1',
  },
  'google-github-actions/auth': {
    sha: 'ba79af03959ebeac9769e648f473a284504d9193',
    version: 'v2.1.10',
  },
  'azure/login': {
    sha: 'a457da9ea143d694b1b9c7c869ebb04ebe844ef5',
    version: 'v2.3.0',
  },
  'github/codeql-action/init': {
    sha: 'ff0a06e83cb2de871e5a09832bc6a81e7276941f',
    version: 'v3.28.18',
  },
  'github/codeql-action/autobuild': {
    sha: 'ff0a06e83cb2de871e5a09832bc6a81e7276941f',
    version: 'v3.28.18',
  },
  'github/codeql-action/analyze': {
    sha: 'ff0a06e83cb2de871e5a09832bc6a81e7276941f',
    version: 'v3.28.18',
  },
  'anchore/sbom-action': {
    sha: '3ad7283483fc7af8ff2b4ea19663c2d5ca935e26',
    version: 'v0.24.2',
  },
  'aquasecurity/trivy-action': {
    sha: '915b19bbe73b92a6cf82a1bc12b087c9a19a5fe2',
    version: '0.28.0',
  },
  'gitleaks/gitleaks-action': {
    sha: 'ff98106e4c7b2bc287b24eaf42907196329070c7',
    version: 'v2.3.9',
  },
} as const satisfies Record<string, { sha: string; version: string }>;

/** @public */
export type PinnedActionName = keyof typeof PINNED_ACTIONS;

/** The `uses:` value of a pinned action: `owner/repo@<40-hex sha>`. */
export function pinnedUses(action: PinnedActionName): string {
  return `${action}@${PINNED_ACTIONS[action].sha}`;
}

/**
 * Appends the version comment to every `uses:` line of a rendered workflow
 * that refers to a pinned action.
 */
export function annotatePinnedVersions(yamlText: string): string {
  return yamlText.replace(
    /^(\s*(?:- )?uses: )([A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+)@([0-9a-f]{40})$/gm,
    (line, _prefix, name: string, sha: string) => {
      const pin = (
        PINNED_ACTIONS as Record<string, { sha: string; version: string }>
      )[name];
      return pin && pin.sha === sha ? `${line} # ${pin.version}` : line;
    },
  );
}
