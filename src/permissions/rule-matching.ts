import type { ToolCall } from '../domain/tool-call.js';
import type { PermissionRule } from '../domain/task.js';
import { normaliseToolName } from './tool-names.js';

/** The argument a rule's pattern is matched against, per tool. */
export function primaryArgument(call: Pick<ToolCall, 'tool' | 'input'>): string | undefined {
  const field = { Bash: 'command', Read: 'file_path', Write: 'file_path', Edit: 'file_path', Glob: 'pattern', Grep: 'pattern' }[
    normaliseToolName(call.tool)
  ];
  const value = field ? call.input[field] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * A rule without a pattern allows every call of its tool. `git status*` allows calls whose primary
 * argument starts with "git status" (for Bash, only a single command: no chaining, substitution or
 * redirection after the prefix); any other pattern must equal the argument exactly.
 */
export function ruleMatches(rule: PermissionRule, call: Pick<ToolCall, 'tool' | 'input'>): boolean {
  if (normaliseToolName(rule.tool) !== normaliseToolName(call.tool)) return false;
  if (rule.pattern === null) return true;
  const argument = primaryArgument(call);
  if (argument === undefined) return false;
  if (!rule.pattern.endsWith('*')) return argument === rule.pattern;
  const prefix = rule.pattern.slice(0, -1);
  if (!argument.startsWith(prefix)) return false;
  // "git status*" must not also allow "git status; rm -rf ~": a prefix rule covers one simple command.
  return normaliseToolName(call.tool) !== 'Bash' || !SHELL_CONTROL.test(argument.slice(prefix.length));
}

/** Characters that chain, substitute or redirect shell commands. */
const SHELL_CONTROL = /[;&|`<>\n\r]|\$\(/;

/** What "Always Allow" on a request remembers by default: exact Bash commands, whole tools otherwise. */
export function defaultPatternFor(call: Pick<ToolCall, 'tool' | 'input'>): string | null {
  return normaliseToolName(call.tool) === 'Bash' ? (primaryArgument(call) ?? null) : null;
}
