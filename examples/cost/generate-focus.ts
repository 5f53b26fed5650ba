// Writes the demo FOCUS export: node examples/cost/generate-focus.ts <out.csv[.gz]> [start] [end]
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { generateFocusDemoCsv } from '../../plugins/cost-backend/src/demo/focusDemoData.ts';

const [out = 'focus-demo.csv.gz', start = '2026-07-01', end = '2026-11-20'] =
  process.argv.slice(2);
const lines = Readable.from(generateFocusDemoCsv({ start, end }));
const sink = createWriteStream(out);
await (out.endsWith('.gz')
  ? pipeline(lines, createGzip({ level: 9 }), sink)
  : pipeline(lines, sink));
console.log(`wrote ${out} (${start} to ${end})`);
