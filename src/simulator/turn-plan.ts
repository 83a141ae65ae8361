import { createHash } from 'node:crypto';
import type { ModelReply, WireDialect } from './dialects/dialect.js';
import type { Scenario, ScenarioFault, ScenarioToolCall, ScenarioTurn } from './scenario.js';
import { stripScenarioTags } from './scenario-book.js';

/** How the simulator answers one request: which turn, what it says and how it is delivered. */
export interface TurnPlan {
  turnIndex: number;
  reply: ModelReply;
  delayMs: number;
  chunkDelayMs: number;
  fault: ScenarioFault | undefined;
  /** Identifies the conversation, so fault attempts of parallel conversations are counted apart. */
  conversationKey: string;
}

/**
 * Context blocks that agent harnesses put into user messages (Claude Code's `<system-reminder>`,
 * Codex's `<environment_context>`): not what the user typed.
 */
function isHarnessContext(text: string): boolean {
  return /^\s*<([A-Za-z_][\w-]*)[^>]*>[\s\S]*<\/\1>\s*$/.test(text);
}

function conversationKey(userTexts: string[]): string {
  const firstTyped = userTexts.findIndex((text) => !isHarnessContext(text));
  const opening = firstTyped === -1 ? userTexts : userTexts.slice(0, firstTyped + 1);
  return createHash('sha256').update(opening.join('\u0000')).digest('hex').slice(0, 16);
}

function fillTemplate(value: unknown, variables: Record<string, string>): unknown {
  if (typeof value === 'string') return value.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => variables[name] ?? whole);
  if (Array.isArray(value)) return value.map((entry) => fillTemplate(entry, variables));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, fillTemplate(entry, variables)]));
  }
  return value;
}

/** Past the last turn the last one repeats as text only, so a runaway client ends. */
function turnAt(scenario: Scenario, index: number): ScenarioTurn {
  const turn = scenario.turns[index];
  if (turn) return turn;
  const last = scenario.turns[scenario.turns.length - 1]!;
  return { text: last.text || `Scenario "${scenario.name}" has no more turns.`, answers: last.answers, usage: last.usage };
}

/** The turn's scripted answer for this user text, else its plain text. */
export function turnText(turn: ScenarioTurn, lastUserText: string): string {
  return turn.answers?.find((answer) => lastUserText.includes(answer.whenIncludes))?.text ?? turn.text ?? '';
}

function estimateTokens(characters: number): number {
  return Math.max(1, Math.ceil(characters / 4));
}

export function planTurn(scenario: Scenario, dialect: WireDialect, body: unknown, rawBody: string): TurnPlan {
  const turnIndex = dialect.countModelResponses(body);
  const turn = turnAt(scenario, turnIndex);
  const userTexts = dialect.userTexts(body);
  const typedTexts = userTexts.filter((text) => !isHarnessContext(text)).map(stripScenarioTags);
  const variables = { first_user_text: typedTexts[0] ?? '', last_user_text: typedTexts[typedTexts.length - 1] ?? '' };

  const text = fillTemplate(turnText(turn, variables.last_user_text), variables) as string;
  const toolCalls = fillTemplate(turn.toolCalls ?? [], variables) as ScenarioToolCall[];
  const usage = turn.usage
    ? { inputTokens: turn.usage.input_tokens, outputTokens: turn.usage.output_tokens }
    : {
        inputTokens: estimateTokens(rawBody.length),
        outputTokens: estimateTokens(text.length + (toolCalls.length > 0 ? JSON.stringify(toolCalls).length : 0)),
      };
  return {
    turnIndex,
    reply: { text, toolCalls, usage },
    delayMs: turn.delayMs ?? 0,
    chunkDelayMs: turn.chunkDelayMs ?? 0,
    fault: turn.fault,
    conversationKey: conversationKey(userTexts),
  };
}
