export { startSimulator } from './simulator-server.js';
export type { RecordedRequest, Simulator, SimulatorOptions } from './simulator-server.js';
export { loadScenarioFile } from './scenario.js';
export type { Scenario, ScenarioTurn, ScenarioFault } from './scenario.js';
export { SHIPPED_SCENARIO_DIR } from './scenario-directory.js';
