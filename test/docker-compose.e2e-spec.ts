import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { knownEnvironmentVariables } from './support/environment-names';

const ROOT = join(__dirname, '..');

interface ComposeService {
  image?: string;
  read_only?: boolean;
  tmpfs?: string[];
  cap_drop?: string[];
  security_opt?: string[];
  command?: string[];
  environment?: Record<string, string | null>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
}
interface ComposeFile {
  services: Record<string, ComposeService>;
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as ComposeFile;
const services = Object.entries(compose.services);
const CREDENTIAL = /PASSWORD|SECRET|ACCESS_KEY|ROOT_USER|API_KEY/;

/** What Compose substitutes when no variable is set: `${X:-d}` → d, `${X:?msg}` → refused (listed), `${X}` → ''. */
function withDefaults(text: string, required: Set<string> = new Set()): string {
  return text
    .replace(
      /\$\{(\w+)(?::?([-?])([^}]*))?\}/g,
      (_match, name: string, operator?: string, rest?: string) => {
        if (operator === '?') {
          required.add(name);
          return `<${name}>`;
        }
        return operator === '-' ? (rest ?? '') : '';
      },
    )
    .replace(/\$\$/g, '$');
}

describe('docker-compose.yml for production use', () => {
  it('binds every published port to 127.0.0.1 by default', () => {
    const published = services.flatMap(([, service]) => service.ports ?? []);
    expect(published.length).toBeGreaterThanOrEqual(4);
    for (const port of published) expect(withDefaults(port)).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    expect(withDefaults('${BIND_ADDRESS:-127.0.0.1}:3000:3000')).toBe('127.0.0.1:3000:3000');
  });

  it('pins every third-party image to a release tag (no `latest`, no bare major)', () => {
    for (const [name, service] of services) {
      if (!service.image || name === 'migrate' || service.image.includes('APP_IMAGE')) continue;
      const image = withDefaults(service.image);
      const tag = image.split(':')[1] ?? '';
      expect(tag, `${name}: ${image}`).not.toMatch(/latest/);
      expect(tag, `${name}: ${image}`).toMatch(/^(\d+\.\d+(\.\d+)?(-[\w.]+)?|RELEASE\.[\w-]+)$/);
    }
  });

  it('has no default credentials: compose refuses to start until they are set', () => {
    const required = new Set<string>();
    for (const [name, service] of services)
      for (const [variable, value] of Object.entries(service.environment ?? {})) {
        // null: passed through from the shell when set there (FIRST_SUPERUSER_*, WEBHOOK_SECRET), else unset.
        if (value === null) continue;
        withDefaults(value, required);
        if (CREDENTIAL.test(variable))
          expect(value, `${name}.${variable}`).toMatch(/^\$\{\w+:\?[^}]*\}$/);
        if (/^postgres(ql)?:\/\//.test(value))
          expect(value, `${name}.${variable}`).toMatch(/:\/\/.+?:\$\{POSTGRES_PASSWORD:\?[^}]*\}@/);
      }
    expect([...required].sort()).toEqual([
      'MINIO_ROOT_PASSWORD',
      'MINIO_ROOT_USER',
      'POSTGRES_PASSWORD',
    ]);
    expect(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')).not.toMatch(/minioadmin/);
  });

  it('migrates, then seeds production data only, before the API and the worker start', () => {
    const { migrate, seed, api, worker } = compose.services;
    expect(migrate.command).toEqual(['node', 'dist/src/cli.js', 'migrate', 'up']);
    expect(seed.command).toEqual(['node', 'dist/src/cli.js', 'seed']);
    expect(seed.command).not.toContain('--demo');
    expect(seed.depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
    for (const app of [api, worker])
      for (const step of ['migrate', 'seed'])
        expect(app.depends_on?.[step]).toEqual({ condition: 'service_completed_successfully' });
  });

  it('runs the app containers read-only, without capabilities or privilege escalation', () => {
    for (const name of ['migrate', 'seed', 'api', 'worker'])
      expect(compose.services[name], name).toMatchObject({
        read_only: true,
        tmpfs: ['/tmp'],
        cap_drop: ['ALL'],
        security_opt: ['no-new-privileges:true'],
      });
  });

  it('gives the app only variables the config schema knows', () => {
    const known = knownEnvironmentVariables();
    for (const name of ['migrate', 'seed', 'api', 'worker'])
      for (const variable of Object.keys(compose.services[name].environment ?? {}))
        expect(known, `${name}.${variable}`).toContain(variable);
  });

  it('builds on a glibc (Debian) Node image, as the prebuilt native modules need', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const base = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1] ?? '';
    expect(base).toMatch(/^node:\d+(\.\d+)*-(bookworm|trixie)(-slim)?$/);
    expect(dockerfile).not.toMatch(/alpine|musl/i);
    expect(dockerfile.match(/^FROM \$\{NODE_IMAGE\} AS \w+$/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/npm ci /);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    // The lock file carries the glibc builds of the native modules that `npm ci` installs for linux-x64.
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { optional?: boolean }>;
    };
    for (const native of ['@napi-rs/canvas-linux-x64-gnu', '@img/sharp-linux-x64'])
      expect(Object.keys(lock.packages)).toContain(`node_modules/${native}`);
  });
});
