import {
  parseRotationFile,
  rotationUserRefs,
} from '@opsdeck/plugin-oncall-common';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const examples = path.resolve(__dirname, '../../../examples');

describe('demo rotation files', () => {
  const users = new Set(
    parseAllDocuments(fs.readFileSync(path.join(examples, 'org.yaml'), 'utf8'))
      .map(doc => doc.toJS())
      .filter(e => e?.kind === 'User')
      .map(e => `user:default/${e.metadata.name}`),
  );
  const annotated = parseAllDocuments(
    fs.readFileSync(path.join(examples, 'org.yaml'), 'utf8'),
  )
    .map(doc => doc.toJS())
    .map(e => e?.metadata?.annotations?.['opsdeck.io/oncall-rotation'])
    .filter(Boolean);

  it('has a rotation file for every annotated group', () => {
    expect(annotated.length).toBeGreaterThanOrEqual(3);
  });

  it.each(annotated)('%s is valid and names only demo users', file => {
    const text = fs.readFileSync(path.join(examples, file), 'utf8');
    const result = parseRotationFile(text);
    expect(result).toMatchObject({ ok: true });
    const refs = rotationUserRefs((result as any).rotation);
    expect(refs.filter(r => !users.has(r))).toEqual([]);
  });
});
