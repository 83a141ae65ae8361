import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The npm packages that carry the native Codex binary, by Rust target triple (see @openai/codex's bin/codex.js). */
const PLATFORM_PACKAGES: Record<string, { triple: string; packageName: string }> = {
  'linux-x64': { triple: 'x86_64-unknown-linux-musl', packageName: '@openai/codex-linux-x64' },
  'linux-arm64': { triple: 'aarch64-unknown-linux-musl', packageName: '@openai/codex-linux-arm64' },
  'darwin-x64': { triple: 'x86_64-apple-darwin', packageName: '@openai/codex-darwin-x64' },
  'darwin-arm64': { triple: 'aarch64-apple-darwin', packageName: '@openai/codex-darwin-arm64' },
};

export interface CodexBinary {
  path: string;
  /** Helper tools shipped next to the binary (rg); Codex expects to find them on PATH. */
  helperPath?: string;
}

/**
 * Finds the native binary the way @openai/codex's launcher does, so Forge spawns it directly: on
 * Node 20 the launcher stays in between as a parent process and the PID Forge holds would not be Codex's.
 */
export function findCodexBinary(): CodexBinary | { error: string } {
  const platform = PLATFORM_PACKAGES[`${process.platform}-${process.arch}`];
  if (!platform) return { error: `Codex has no binary for ${process.platform}-${process.arch}.` };
  let vendorDir: string;
  try {
    const launcherRequire = createRequire(createRequire(import.meta.url).resolve('@openai/codex/package.json'));
    vendorDir = join(dirname(launcherRequire.resolve(`${platform.packageName}/package.json`)), 'vendor', platform.triple);
  } catch {
    return { error: `the @openai/codex package or its platform package ${platform.packageName} is not installed.` };
  }
  const path = join(vendorDir, 'bin', 'codex');
  if (!existsSync(path)) return { error: `the Codex binary is missing at ${path}; reinstall @openai/codex.` };
  const helperPath = join(vendorDir, 'codex-path');
  return { path, helperPath: existsSync(helperPath) ? helperPath : undefined };
}
