/**
 * Measures the task classifier on the labelled title sets:
 *   node --import tsx scripts/classifier-eval.ts [file.tsv ...]
 * Prints top-1 / top-3 accuracy per file and every top-1 confusion.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyTask } from '../src/profiles/classifier.js';
import { BUILTIN_PROFILES_DIR, createProfileRegistry } from '../src/profiles/registry.js';

const FIXTURES = fileURLToPath(new URL('../test/fixtures/classifier/', import.meta.url));
const DEFAULT_FILES = [join(FIXTURES, 'tuning.tsv'), join(FIXTURES, 'holdout.tsv')];

interface LabelledTitle { title: string; expected: string }

function readLabelledTitles(file: string): LabelledTitle[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [title = '', expected = ''] = line.split('\t');
      return { title: title.trim(), expected: expected.trim() };
    });
}

const percent = (count: number, total: number) => `${((100 * count) / total).toFixed(1)}%`;

const registry = createProfileRegistry({ builtinDir: BUILTIN_PROFILES_DIR });
const profiles = registry.list();
registry.close();

for (const file of process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_FILES) {
  const rows = readLabelledTitles(file);
  let top1 = 0;
  let top3 = 0;
  const confusions: string[] = [];
  for (const row of rows) {
    const { suggestions, fallback } = classifyTask(profiles, { title: row.title });
    const ranked = suggestions.map((suggestion) => suggestion.profileId);
    if (ranked[0] === row.expected) top1++;
    else confusions.push(`  ${row.expected.padEnd(24)} → ${(ranked[0] ?? '-').padEnd(24)}${fallback ? ' (fallback)' : ''}  ${row.title}`);
    if (ranked.slice(0, 3).includes(row.expected)) top3++;
  }
  console.log(`${basename(file)}: ${rows.length} titles, top-1 ${percent(top1, rows.length)}, top-3 ${percent(top3, rows.length)}`);
  if (confusions.length > 0) console.log(`  expected                 → got\n${confusions.join('\n')}`);
}
