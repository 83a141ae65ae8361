import type { TokenUsage } from '../domain/log-event.js';
import { now } from './clock.js';
import type { Db } from './database.js';

export async function recordUsage(
  db: Db,
  input: { executionId: string; taskId: string; runtime: string; usage: TokenUsage },
): Promise<void> {
  const { usage } = input;
  await db
    .insertInto('usage')
    .values({
      execution_id: input.executionId,
      task_id: input.taskId,
      runtime: input.runtime,
      model: usage.model ?? null,
      input_tokens: usage.inputTokens,
      output_tokens: usage.outputTokens,
      cache_read_tokens: usage.cacheReadTokens ?? 0,
      cache_write_tokens: usage.cacheWriteTokens ?? 0,
      cost_usd: usage.costUsd ?? 0,
      created_at: now(),
    })
    .execute();
}

/** Totals per execution: the sum of every model call it made, across attempts. */
export async function usageForExecutions(db: Db, executionIds: string[]): Promise<Map<string, TokenUsage>> {
  if (executionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('usage')
    .select((eb) => [
      'execution_id',
      eb.fn.sum<number>('input_tokens').as('input_tokens'),
      eb.fn.sum<number>('output_tokens').as('output_tokens'),
      eb.fn.sum<number>('cache_read_tokens').as('cache_read_tokens'),
      eb.fn.sum<number>('cache_write_tokens').as('cache_write_tokens'),
      eb.fn.sum<number>('cost_usd').as('cost_usd'),
    ])
    .where('execution_id', 'in', executionIds)
    .groupBy('execution_id')
    .execute();
  return new Map(
    rows.map((r) => [
      r.execution_id,
      {
        inputTokens: Number(r.input_tokens),
        outputTokens: Number(r.output_tokens),
        cacheReadTokens: Number(r.cache_read_tokens),
        cacheWriteTokens: Number(r.cache_write_tokens),
        costUsd: Number(r.cost_usd),
      },
    ]),
  );
}
