import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const SDK_PACKAGE = '@anthropic-ai/claude-agent-sdk';

/** The per-platform packages the SDK ships its native `claude` binary in, most likely first. */
export function binaryPackageNames(platform: string = process.platform, arch: string = process.arch): string[] {
  const base = `${SDK_PACKAGE}-${platform}-${arch}`;
  return platform === 'linux' ? [base, `${base}-musl`] : [base];
}

export interface BinaryLookup {
  /** An explicit path (FORGE_CLAUDE_CODE_EXECUTABLE) wins over the installed package. */
  explicitPath?: string;
  /** Resolves a module specifier the way the SDK does (from its own folder); throws when missing. */
  resolve?: (specifier: string) => string;
  platform?: string;
  arch?: string;
}

/**
 * Finds Claude Code's native binary. It comes in an optional dependency of the SDK, so an install with
 * `--omit=optional` silently leaves it out; say so instead of the SDK's later, vaguer failure.
 */
export function locateClaudeBinary(lookup: BinaryLookup = {}): string {
  if (lookup.explicitPath) {
    if (existsSync(lookup.explicitPath)) return lookup.explicitPath;
    throw new Error(`FORGE_CLAUDE_CODE_EXECUTABLE points at ${lookup.explicitPath}, which does not exist.`);
  }
  const platform = lookup.platform ?? process.platform;
  const resolve = lookup.resolve ?? resolveFromSdk;
  const executable = platform === 'win32' ? 'claude.exe' : 'claude';
  const packages = binaryPackageNames(platform, lookup.arch);
  for (const name of packages) {
    try {
      const path = resolve(`${name}/${executable}`);
      if (existsSync(path)) return path;
    } catch {
      // not installed; try the next variant
    }
  }
  throw new Error(
    `Claude Code's native binary is missing: ${packages[0]} is not installed. It is an optional dependency of ` +
      `${SDK_PACKAGE}, so an install with --omit=optional (or --no-optional) leaves it out. ` +
      'Run `npm install` without --omit=optional, or set FORGE_CLAUDE_CODE_EXECUTABLE to a claude binary.',
  );
}

function resolveFromSdk(specifier: string): string {
  const ownRequire = createRequire(import.meta.url);
  return createRequire(ownRequire.resolve(SDK_PACKAGE)).resolve(specifier);
}
