import { generateGitlabCi } from '../gitlabCi';
import { generateJenkinsfile } from '../jenkinsfile';
import {
  PINNED_IMAGES,
  PINNED_TOOLCHAIN_IMAGES,
  PinnedImage,
} from '../pinnedImages';
import {
  checkGitlabImagePinning,
  checkJenkinsImagePinning,
  isDigestPinned,
} from './imagePinningChecker';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

const allPinned: PinnedImage[] = [
  ...Object.values(PINNED_IMAGES),
  ...Object.values(PINNED_TOOLCHAIN_IMAGES).flatMap(v => Object.values(v)),
];

describe('the pinned image table', () => {
  it.each(allPinned.map(i => [`${i.repository}:${i.tag}`, i] as const))(
    '%s has a sha256 digest, a tag and a recorded source',
    (_name, image) => {
      expect(image.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(image.tag).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/);
      expect(image.source.length).toBeGreaterThan(20);
      expect(
        isDigestPinned(`${image.repository}:${image.tag}@${image.digest}`),
      ).toBe(true);
    },
  );

  it.each([
    ['node', '24', PINNED_TOOLCHAIN_IMAGES.node['24']],
    ['python', '3.13', PINNED_TOOLCHAIN_IMAGES.python['3.13']],
    ['go', '1.26', PINNED_TOOLCHAIN_IMAGES.go['1.26']],
  ] as const)(
    'builds %s %s in its pinned image on GitLab CI and Jenkins',
    (language, languageVersion, image) => {
      const parameters = { name: 'svc', language, languageVersion };
      const reference = `${image.repository}:${image.tag}@${image.digest}`;
      expect(generateGitlabCi(parameters)).toContain(reference);
      expect(generateJenkinsfile(parameters)).toContain(reference);
    },
  );

  it('holds no digest twice', () => {
    const digests = allPinned.map(i => i.digest);
    expect(new Set(digests).size).toBe(digests.length);
  });
});

describe('isDigestPinned', () => {
  it.each([
    `alpine@${DIGEST}`,
    `alpine:3.24@${DIGEST}`,
    `mcr.microsoft.com/azure-cli:2.89.0@${DIGEST}`,
    `registry.example.com:5000/team/tool:v1@${DIGEST}`,
  ])('accepts %s', image => expect(isDigestPinned(image)).toBe(true));

  it.each([
    ['a tag alone', 'alpine:3.24'],
    ['no tag at all', 'alpine'],
    ['latest', 'alpine:latest'],
    ['a short digest', 'alpine@sha256:abc123'],
    ['an upper-case digest', `alpine@sha256:${'AB'.repeat(32)}`],
    ['another algorithm', `alpine@sha512:${'ab'.repeat(64)}`],
    ['a variable', 'alpine:$TAG'],
    ['trailing text', `alpine@${DIGEST} --privileged`],
    ['an empty string', ''],
  ])('refuses %s', (_what, image) => expect(isDigestPinned(image)).toBe(false));
});

describe('checkGitlabImagePinning', () => {
  it('reports job images, object images and services pinned by tag only', () => {
    const findings = checkGitlabImagePinning(
      [
        'default:',
        '  image: node:22',
        'build:',
        '  image: docker:29-cli',
        '  services:',
        '    - docker:29-dind',
        `    - name: redis:7@${DIGEST}`,
        '  script: [make]',
        'scan:',
        '  image: { name: aquasec/trivy:0.74.0, entrypoint: [""] }',
        '  script: [trivy]',
        'ok:',
        `  image: alpine:3.24@${DIGEST}`,
        '  script: [true]',
      ].join('\n'),
    );
    expect(findings).toEqual([
      { location: 'default.image', image: 'node:22' },
      { location: 'build.image', image: 'docker:29-cli' },
      { location: 'build.services[0]', image: 'docker:29-dind' },
      { location: 'scan.image', image: 'aquasec/trivy:0.74.0' },
    ]);
  });

  it('counts an unreadable image as unpinned', () => {
    expect(
      checkGitlabImagePinning('job:\n  image: [a, b]\n  script: [true]\n'),
    ).toEqual([{ location: 'job.image', image: '["a","b"]' }]);
  });
});

describe('checkJenkinsImagePinning', () => {
  it('reports docker agents pinned by tag, interpolated images and other image sources', () => {
    const findings = checkJenkinsImagePinning(
      [
        'pipeline {',
        "  agent { docker { image 'maven:3-eclipse-temurin-21' } }",
        '  stages {',
        `    stage('a') { agent { docker { image 'alpine:3.24@${DIGEST}' } } }`,
        "    stage('b') {",
        '      agent {',
        '        docker {',
        '          image "node:${VERSION}"',
        '        }',
        '      }',
        '    }',
        "    stage('c') { agent { dockerfile true } }",
        "    stage('d') { steps { script { docker.image('alpine').inside { } } } }",
        '  }',
        '}',
      ].join('\n'),
    );
    expect(findings.map(f => f.location)).toEqual([
      'line 2',
      'line 8',
      'line 12',
      'line 13',
    ]);
    expect(findings[1].image).toBe('"node:${VERSION}"');
  });

  it('skips the word image inside sh scripts but not after them', () => {
    const findings = checkJenkinsImagePinning(
      [
        "      sh '''",
        '        trivy image --exit-code 1 "$ref"',
        "      '''",
        "      agent { docker { image 'node:22' } }",
      ].join('\n'),
    );
    expect(findings).toEqual([{ location: 'line 4', image: "'node:22'" }]);
  });

  it('reads one-line docker agents too', () => {
    expect(
      checkJenkinsImagePinning("    image 'maven:3-eclipse-temurin-21'"),
    ).toEqual([{ location: 'line 1', image: "'maven:3-eclipse-temurin-21'" }]);
  });
});

describe('generated GitLab CI and Jenkins pipelines', () => {
  const everything = {
    name: 'shop',
    language: 'java',
    buildTool: 'gradle',
    container: { registry: 'ghcr.io', image: 'acme/shop' },
    strategy: 'canary',
    cloud: {
      provider: 'azure',
      clientId: '11111111-2222-3333-4444-555555555555',
      tenantId: '66666666-7777-8888-9999-000000000000',
      subscriptionId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    },
    portal: { baseUrl: 'https://portal.example.com' },
  };

  it('pin every image by digest', () => {
    expect(checkGitlabImagePinning(generateGitlabCi(everything))).toEqual([]);
    expect(checkJenkinsImagePinning(generateJenkinsfile(everything))).toEqual(
      [],
    );
  });

  it('refuse a language version without a pinned image, naming the pinned ones', () => {
    const old = { ...everything, languageVersion: '11' };
    expect(() => generateGitlabCi(old)).toThrow(
      'languageVersion 11 has no digest-pinned gradle image for GitLab CI and Jenkins (pinned: 17, 21)',
    );
    expect(() => generateJenkinsfile(old)).toThrow(/no digest-pinned/);
  });
});
