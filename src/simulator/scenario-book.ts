import { parseScenario, type Scenario } from './scenario.js';

const SCENARIO_TAG = /\[\[scenario:([A-Za-z0-9_.-]+)\]\]/;

/** Answers every request with a summary of the last user text; used when nothing else is chosen. */
export const ECHO_SCENARIO: Scenario = { name: 'echo', turns: [{ text: 'You said: {{last_user_text}}' }] };

export type ScenarioChoice = { name: string; scenario: Scenario | undefined };

/** The scenarios a simulator knows, and which one a request asks for. */
export class ScenarioBook {
  private readonly scenarios = new Map<string, Scenario>([[ECHO_SCENARIO.name, ECHO_SCENARIO]]);
  private defaultName = ECHO_SCENARIO.name;

  /** Adds or replaces a scenario (by name) after validating it. */
  add(scenario: Scenario): void {
    const valid = parseScenario(scenario);
    this.scenarios.set(valid.name, valid);
  }

  setDefault(name: string): void {
    if (!this.scenarios.has(name)) throw new Error(`Default scenario "${name}" is unknown. ${this.describeKnown()}`);
    this.defaultName = name;
  }

  /**
   * A `[[scenario:NAME]]` tag anywhere in the raw request body wins; otherwise the default. A variant
   * of the chosen scenario replaces it when the client offers the tool the variant needs, so one demo
   * works for clients with different tool sets.
   */
  choose(rawBody: string): ScenarioChoice {
    const name = SCENARIO_TAG.exec(rawBody)?.[1] ?? this.defaultName;
    const variant = [...this.scenarios.values()].find(
      (s) => s.variantOf === name && s.requiresTool !== undefined && offersTool(rawBody, s.requiresTool),
    );
    if (variant) return { name: variant.name, scenario: variant };
    return { name, scenario: this.scenarios.get(name) };
  }

  describeKnown(): string {
    return `Known scenarios: ${[...this.scenarios.keys()].sort().join(', ')}.`;
  }
}

function offersTool(rawBody: string, tool: string): boolean {
  return new RegExp(`"name"\\s*:\\s*"${tool.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).test(rawBody);
}

export function stripScenarioTags(text: string): string {
  return text.replace(new RegExp(SCENARIO_TAG.source, 'g'), '').trim();
}
