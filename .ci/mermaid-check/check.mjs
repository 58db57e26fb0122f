// Parses every ```mermaid block of the given markdown files with mermaid's own parser, the one GitHub's renderer
// runs, and exits 1 naming each file and block it refuses (2 on bad usage).
//   node .ci/mermaid-check/check.mjs stacks/*/architecture.md
// mermaid sanitises labels with DOMPurify, which needs a DOM: jsdom provides one, offline.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: check.mjs <markdown file>...');
  process.exit(2);
}
const { window } = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = window;
globalThis.document = window.document;
const mermaid = (await import('mermaid')).default;
mermaid.initialize({ startOnLoad: false });

const fence = /^```mermaid\n([\s\S]*?)^```$/gm;
let blocks = 0;
let failures = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(fence)].map(match => match[1]);
  if (found.length === 0) {
    console.error(`${file}: no mermaid block`);
    failures++;
  }
  for (const [index, diagram] of found.entries()) {
    blocks++;
    try {
      const result = await mermaid.parse(diagram);
      if (result.diagramType !== 'flowchart-v2' && result.diagramType !== 'flowchart') {
        console.error(`${file}: block ${index + 1} is a ${result.diagramType}, expected a flowchart`);
        failures++;
      }
    } catch (error) {
      console.error(`${file}: block ${index + 1} does not parse: ${error.message ?? error}`);
      failures++;
    }
  }
}
console.log(`mermaid-check: ${blocks} diagram(s) in ${files.length} file(s), ${failures} problem(s)`);
process.exit(failures === 0 ? 0 : 1);
