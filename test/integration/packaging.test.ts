import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { build: Record<string, unknown> };

/**
 * The installers are built on a machine with internet (electron-builder downloads Electron), so what can be checked
 * here is the configuration that hardens them: the Electron fuses flipped at packaging, the app read from its ASAR.
 */
describe('packaging: the installed application is hardened', () => {
  it('flips the fuses: no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS or --inspect, encrypted cookies, the app only from a checked ASAR', () => {
    expect(packageJson.build.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // Integrity checking needs the ASAR (it is electron-builder's default; nothing turns it off).
    expect(packageJson.build.asar).not.toBe(false);
  });

  it('every fuse named is one the installed electron-builder knows', () => {
    const scheme = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as { definitions: Record<string, { properties?: Record<string, unknown> }> };
    const known = Object.keys(scheme.definitions.FuseOptionsV1?.properties ?? {});
    expect(known.length).toBeGreaterThan(0);
    for (const name of Object.keys(packageJson.build.electronFuses as object)) expect(known, name).toContain(name);
  });
});
