import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeedRunner } from '../../src/seeding/seed-runner';
import { inRequestContext, type TestApp } from './test-app';

export interface UserWithKey {
  id: string;
  username: string;
  role: 'admin' | 'operator' | 'viewer';
  /** The user's API key, for the `x-api-key` header. */
  key: string;
}

let users = 0;

/** Creates a user (a viewer unless told) and an API key for them through the API, as an admin would. */
export async function newUserWithKey(
  t: TestApp,
  role: UserWithKey['role'] = 'viewer',
  username = `${role}-${process.pid}-${++users}`,
): Promise<UserWithKey> {
  const user = await t.http
    .post('/api/v1/users')
    .set('x-api-key', t.adminKey)
    .send({ username, role });
  if (user.status !== 201) throw new Error(`creating user ${username}: ${user.text}`);
  const key = await t.http
    .post('/api/v1/api-keys')
    .set('x-api-key', t.adminKey)
    .send({ name: `${username} key`, userId: user.body.id });
  if (key.status !== 201) throw new Error(`creating a key for ${username}: ${key.text}`);
  return { id: user.body.id, username, role, key: key.body.key };
}

/** Seeds the generative model catalogue (seeds/ai_models.json), as `cli seed` does. */
export async function seedCatalogue(t: TestApp): Promise<void> {
  await inRequestContext(t.app, () => t.app.get(SeedRunner).runNamed('catalog'));
}

export interface TempDirectory {
  path: string;
  remove(): void;
}

/** A fresh directory under the system's temp folder, e.g. for STORAGE_LOCAL_DIR; `remove()` deletes it. */
export function tempDirectory(prefix = 'mlp-test-'): TempDirectory {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
