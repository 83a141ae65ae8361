import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile, type Scenario } from './scenario.js';

/** The scenarios that ship with Forge (demo, hello, write-file, bash-echo, faults…). */
export const SHIPPED_SCENARIO_DIR = fileURLToPath(new URL('./scenarios/', import.meta.url));

/** Loads every *.yaml, *.yml and *.json scenario in a folder; two files may not claim the same name. */
export function loadScenarioDirectory(directory: string): Scenario[] {
  const origins = new Map<string, string>();
  return readdirSync(directory)
    .filter((file) => /\.(ya?ml|json)$/i.test(file))
    .sort()
    .map((file) => {
      const path = join(directory, file);
      const scenario = loadScenarioFile(path);
      const earlier = origins.get(scenario.name);
      if (earlier) throw new Error(`Scenario "${scenario.name}" is defined twice: ${earlier} and ${path}`);
      origins.set(scenario.name, path);
      return scenario;
    });
}
