import { after, before } from 'node:test';
import { SHIPPED_SCENARIO_DIR, startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.js';

/** Starts a simulator with the shipped scenarios for the enclosing test file and closes it afterwards. */
export function useSimulator(options: SimulatorOptions = {}): () => Simulator {
  let simulator: Simulator | undefined;
  before(async () => {
    simulator = await startSimulator({ scenarioDir: SHIPPED_SCENARIO_DIR, ...options });
  });
  after(async () => {
    await simulator?.close();
  });
  return () => {
    if (!simulator) throw new Error('simulator not started yet');
    return simulator;
  };
}

/** The requests a given scenario received, in order. */
export function requestsFor(simulator: Simulator, scenario: string) {
  return simulator.requests.filter((request) => request.scenario === scenario);
}
