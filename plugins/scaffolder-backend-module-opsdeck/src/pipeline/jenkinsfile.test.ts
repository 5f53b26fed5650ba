import {
  extractScripts,
  validateJenkinsStructure,
} from '../__testUtils__/validators';
import { generateJenkinsfile, groovyString } from './jenkinsfile';

/** Parameters whose every value is easy to find in the output. */
const MARKED = {
  name: 'zqname',
  entityRef: 'component:zqns/zqentity',
  language: 'node',
  defaultBranch: 'zq/branch',
  container: {
    registry: 'zqregistry.example.com',
    image: 'zqteam/zqimage',
    dockerfile: 'zqdir/Dockerfile.zq',
    context: 'zqcontext',
    target: 'zqtarget',
  },
  environments: [
    { name: 'zqenv', approval: true, url: 'https://zqurl.example.com' },
  ],
  strategy: 'canary',
  canaryWeights: [17, 100],
  deployScript: 'zqdeploy/run.sh',
  cloud: {
    provider: 'aws',
    roleArn: 'arn:aws:iam::123456789012:role/zqrole',
    region: 'eu-west-1',
  },
  portal: {
    baseUrl: 'https://zqportal.example.com',
    tokenSecretName: 'ZQ_TOKEN',
    minRemainingBudget: 0.17,
  },
};

const MARKED_VALUES = [
  'zqname',
  'zqentity',
  'zq/branch',
  'zqregistry',
  'zqimage',
  'Dockerfile.zq',
  'zqcontext',
  'zqtarget',
  'zqenv',
  'zqurl',
  '17',
  'zqdeploy',
  'zqrole',
  'eu-west-1',
  'zqportal',
  'ZQ_TOKEN',
];

describe('generateJenkinsfile', () => {
  const jenkinsfile = generateJenkinsfile(MARKED);

  it('never puts a parameter value into an sh script', () => {
    const scripts = extractScripts('jenkins', jenkinsfile);
    expect(scripts.length).toBeGreaterThan(5);
    for (const script of scripts) {
      for (const value of MARKED_VALUES) {
        expect({ value, inScript: script.includes(value) }).toEqual({
          value,
          inScript: false,
        });
      }
    }
  });

  it('writes every sh step as a triple-single-quoted string and no GString anywhere', () => {
    expect(
      validateJenkinsStructure({ name: 'J', content: jenkinsfile }),
    ).toEqual([]);
    expect(jenkinsfile).not.toMatch(/\bsh\s*(\(|""")/);
    const groovyOnly = jenkinsfile.replace(/'''[\s\S]*?'''/g, "''");
    expect(groovyOnly).not.toContain('"');
    expect(groovyOnly).not.toContain('$');
  });

  it('passes values through the environment block as single-quoted literals', () => {
    expect(jenkinsfile).toContain(
      "OPSDECK_REGISTRY = 'zqregistry.example.com'",
    );
    expect(jenkinsfile).toContain("OPSDECK_CANARY_WEIGHTS = '17 100'");
    expect(jenkinsfile).toContain("OPSDECK_ENVIRONMENT = 'zqenv'");
    expect(jenkinsfile).toContain(
      "withCredentials([string(credentialsId: 'ZQ_TOKEN', variable: 'OPSDECK_PORTAL_TOKEN'), string(credentialsId: 'opsdeck-oidc-aws', variable: 'OPSDECK_CLOUD_ID_TOKEN')])",
    );
  });
});

describe('groovyString', () => {
  it.each([
    ['plain', "'plain'"],
    ["it's", "'it\\'s'"],
    ['back\\slash', "'back\\\\slash'"],
    ['${x} stays literal', "'${x} stays literal'"],
  ])('quotes %s without interpolation', (value, literal) => {
    expect(groovyString(value)).toBe(literal);
  });
});
