// Reads the blocks of the root README's install section that the adoption
// test runs. Convention: an HTML comment line `<!-- adoption-test: NAME -->`
// stands right before (blank lines allowed) the fenced block it names.
import { readFileSync } from 'node:fs';

/** Every marked block of the README: name -> { lang, code }. */
export function readBlocks(readmePath) {
  const text = readFileSync(readmePath, 'utf8');
  const blocks = new Map();
  const marker =
    /<!--\s*adoption-test:\s*([a-z0-9-]+)\s*-->\s*\n(?:[ \t]*\n)*```([a-z]*)\n([\s\S]*?)\n```/g;
  for (const match of text.matchAll(marker)) {
    if (blocks.has(match[1])) {
      throw new Error(`README: the block "${match[1]}" is marked twice`);
    }
    blocks.set(match[1], { lang: match[2], code: match[3] });
  }
  return blocks;
}

/** One block by name; a missing block is an error naming it. */
export function block(blocks, name) {
  const found = blocks.get(name);
  if (!found) {
    throw new Error(
      `README: no fenced block marked <!-- adoption-test: ${name} --> (found: ${[
        ...blocks.keys(),
      ].join(', ')})`,
    );
  }
  return found;
}

// Run as a script: print a block's code (used by adoption-test.sh for the
// shell blocks it executes line by line).
if (import.meta.url === `file://${process.argv[1]}`) {
  const [readme, name] = process.argv.slice(2);
  try {
    process.stdout.write(`${block(readBlocks(readme), name).code}\n`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
