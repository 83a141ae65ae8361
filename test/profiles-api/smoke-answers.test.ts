import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { createProfileRegistry, BUILTIN_PROFILES_DIR } from '../../src/profiles/registry.js';
import { anthropicMessages } from '../../src/simulator/dialects/anthropic-messages.js';
import { loadScenarioFile, parseScenario } from '../../src/simulator/scenario.js';
import { SHIPPED_SCENARIO_DIR } from '../../src/simulator/scenario-directory.js';
import { planTurn, turnText } from '../../src/simulator/turn-plan.js';

const smokeAnswers = loadScenarioFile(join(SHIPPED_SCENARIO_DIR, 'smoke-answers.yaml'));
const firstTurn = smokeAnswers.turns[0]!;

function replyTo(scenario: typeof smokeAnswers, userText: string): string {
  const body = { model: 'simulator', max_tokens: 100, messages: [{ role: 'user', content: userText }] };
  return planTurn(scenario, anthropicMessages, body, JSON.stringify(body)).reply.text;
}

test('a scripted answer replies to the request whose last user text contains its phrase; the first match wins', () => {
  const scenario = parseScenario({
    name: 'answers',
    turns: [
      {
        text: 'no script for: {{last_user_text}}',
        answers: [
          { whenIncludes: 'capital of France', text: 'Paris' },
          { whenIncludes: 'capital', text: 'a capital city' },
        ],
      },
    ],
  });
  assert.equal(replyTo(scenario, 'What is the capital of France?'), 'Paris');
  assert.equal(replyTo(scenario, 'Name any capital.'), 'a capital city');
  assert.equal(replyTo(scenario, 'Tell me a joke'), 'no script for: Tell me a joke', 'falls back to the turn text');
});

test('the scenario format rejects an answer without a phrase to match', () => {
  assert.throws(
    () => parseScenario({ name: 'broken', turns: [{ answers: [{ whenIncludes: '', text: 'x' }] }] }),
    /turns\[0\]\.answers\[0\]\.whenIncludes/,
  );
});

test('smoke-answers scripts a correct answer for every built-in smoke test', () => {
  const registry = createProfileRegistry({ builtinDir: BUILTIN_PROFILES_DIR });
  const builtins = registry.list();
  assert.equal(builtins.length, 20);
  for (const profile of builtins) {
    for (const smokeTest of profile.smokeTests) {
      const answer = turnText(firstTurn, smokeTest.task);
      assert.notEqual(answer, firstTurn.text, `${profile.id} / ${smokeTest.name}: add an answer to smoke-answers.yaml`);
      for (const expected of smokeTest.expectIncludes) {
        assert.ok(
          answer.toLowerCase().includes(expected.toLowerCase()),
          `${profile.id} / ${smokeTest.name}: the scripted answer ${JSON.stringify(answer)} lacks ${JSON.stringify(expected)}`,
        );
      }
    }
  }
});

test('the fallback answer satisfies no built-in expectation, so an unscripted smoke test fails', () => {
  const fallback = firstTurn.text!.toLowerCase();
  const expectations = createProfileRegistry({ builtinDir: BUILTIN_PROFILES_DIR })
    .list()
    .flatMap((profile) => profile.smokeTests.flatMap((smokeTest) => smokeTest.expectIncludes));
  for (const expected of expectations) assert.equal(fallback.includes(expected.toLowerCase()), false, expected);
});
