import { ToolInputError } from './tool-input.js';

const REGEXP_SPECIALS = /[.*+?^${}()|[\]\\/]/g;

function escapeRegExp(text: string): string {
  return text.replace(REGEXP_SPECIALS, '\\$&');
}

/**
 * Compiles a glob to an anchored RegExp over '/'-separated relative paths.
 * Supports `**` (any number of directories), `*` and `?` (within one segment), `{a,b}` (nestable)
 * and character classes (`[abc]`, `[a-z]`, `[!x]`), with `\` escaping the next character.
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let openBraces = 0;
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index]!;
    if (char === '\\' && index + 1 < glob.length) {
      source += escapeRegExp(glob[++index]!);
    } else if (char === '*') {
      if (glob[index + 1] === '*' && startsSegment(glob, index, openBraces)) {
        index++;
        if (glob[index + 1] === '/') {
          index++;
          source += '(?:[^/]*/)*';
        } else {
          source += '.*';
        }
      } else {
        while (glob[index + 1] === '*') index++;
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const characterClass = readCharacterClass(glob, index);
      if (characterClass) {
        source += characterClass.source;
        index = characterClass.end;
      } else {
        source += '\\[';
      }
    } else if (char === '{') {
      openBraces++;
      source += '(?:';
    } else if (char === '}' && openBraces > 0) {
      openBraces--;
      source += ')';
    } else if (char === ',' && openBraces > 0) {
      source += '|';
    } else {
      source += escapeRegExp(char);
    }
  }
  if (openBraces > 0) throw new ToolInputError(`Invalid glob "${glob}": a "{" is never closed.`);
  return new RegExp(`^${source}$`);
}

/** `**` only spans directories when it is a whole path segment (or a whole brace alternative). */
function startsSegment(glob: string, index: number, openBraces: number): boolean {
  const previous = glob[index - 1];
  const next = glob[index + 2];
  const startsHere = previous === undefined || previous === '/' || (openBraces > 0 && (previous === '{' || previous === ','));
  const endsHere = next === undefined || next === '/' || (openBraces > 0 && (next === '}' || next === ','));
  return startsHere && endsHere;
}

/** Parses `[...]` starting at `start`; undefined when there is no closing bracket (then `[` is literal). */
function readCharacterClass(glob: string, start: number): { source: string; end: number } | undefined {
  let index = start + 1;
  const negated = glob[index] === '!' || glob[index] === '^';
  if (negated) index++;
  let body = '';
  // A ']' right after the opening bracket is a member, not the end.
  for (let first = true; index < glob.length; index++, first = false) {
    const char = glob[index]!;
    if (char === ']' && !first) {
      // Classes never match the path separator, negated or not.
      return { source: negated ? `[^/${body}]` : `(?!/)[${body}]`, end: index };
    }
    if (char === '\\' && index + 1 < glob.length) {
      body += `\\${glob[++index]!}`;
    } else {
      body += char === '\\' || char === ']' || char === '[' || char === '^' ? `\\${char}` : char;
    }
  }
  return undefined;
}
