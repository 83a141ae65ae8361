/**
 * Runs the model simulator on its own, for pointing a real client at it:
 *   node --import tsx src/simulator/cli.ts --port 4010 --scenario-dir src/simulator/scenarios --default demo
 */
import { parseArgs } from 'node:util';
import { SHIPPED_SCENARIO_DIR, startSimulator } from './index.js';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '4010' },
    'scenario-dir': { type: 'string', default: SHIPPED_SCENARIO_DIR },
    default: { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got "${values.port}"`);
  process.exit(2);
}

const simulator = await startSimulator({
  host: values.host,
  port,
  scenarioDir: values['scenario-dir'],
  defaultScenario: values.default,
});
console.log(`Model simulator listening on ${simulator.url}`);
console.log(`  Anthropic: ANTHROPIC_BASE_URL=${simulator.url}`);
console.log(`  OpenAI:    OPENAI_BASE_URL=${simulator.url}/v1`);
console.log(`  Ollama:    OLLAMA_HOST=${simulator.url}`);
console.log('Choose a scenario per request with [[scenario:NAME]] in the prompt. Ctrl+C stops.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void simulator.close().then(() => process.exit(0)));
}
