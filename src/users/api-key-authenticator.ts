import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config';
import { ApiKeyVerifier, type Principal } from '../common/auth/principal';
import { apiKeyCodec } from './api-key-codec';
import { ApiKey } from './entities/api-key.entity';
import { User } from './entities/user.entity';

interface CachedKey {
  principal: Principal;
  keyExpiresAt: number;
  cachedUntil: number;
  lastUsedWrite: number;
}

const MAX_CACHED_KEYS = 10_000;
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Verifies presented API keys: lookup by display prefix, constant-time hash comparison, owner must be active.
 * Verified keys are cached in memory for API_KEY_CACHE_SECONDS so hot routes do not query the database per request;
 * a revocation is immediate in the revoking process and takes at most that long elsewhere.
 */
@Injectable()
export class ApiKeyAuthenticator extends ApiKeyVerifier {
  private readonly logger = new Logger(ApiKeyAuthenticator.name);
  private readonly cache = new Map<string, CachedKey>();
  private readonly cacheMs: number;

  constructor(
    private readonly em: EntityManager,
    config: AppConfig,
  ) {
    super();
    this.cacheMs = config.auth.apiKeyCacheSeconds * 1000;
  }

  async verify(presentedKey: string): Promise<Principal | null> {
    if (presentedKey.length < 24 || presentedKey.length > 256) return null;
    const hash = apiKeyCodec.hashOf(presentedKey);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.cachedUntil > now && cached.keyExpiresAt > now) {
      this.touch(cached, now);
      return cached.principal;
    }
    const entry = await this.load(presentedKey, hash, now);
    if (!entry) {
      this.cache.delete(hash);
      return null;
    }
    if (this.cache.size >= MAX_CACHED_KEYS)
      this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(hash, entry);
    this.touch(entry, now);
    return entry.principal;
  }

  /** Drops a key from this process's cache (after revocation). */
  forget(keyHash: string): void {
    this.cache.delete(keyHash);
  }

  private async load(presentedKey: string, hash: string, now: number): Promise<CachedKey | null> {
    const em = this.em.fork();
    const candidates = await em.find(
      ApiKey,
      { prefix: apiKeyCodec.prefixOf(presentedKey), revokedAt: null },
      { populate: ['owner'] },
    );
    const match = candidates.find((candidate) => apiKeyCodec.sameHash(candidate.keyHash, hash));
    if (!match || !match.isUsableAt(new Date(now))) return null;
    const owner: User = match.owner.getEntity();
    if (!owner.isActive) return null;
    return {
      principal: {
        userId: owner.id,
        username: owner.username,
        role: owner.role,
        apiKeyId: match.id,
      },
      keyExpiresAt: match.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY,
      cachedUntil: now + this.cacheMs,
      lastUsedWrite: match.lastUsedAt?.getTime() ?? 0,
    };
  }

  /** Records last use at most once a minute per key, off the request path. */
  private touch(entry: CachedKey, now: number): void {
    if (now - entry.lastUsedWrite < LAST_USED_RESOLUTION_MS) return;
    entry.lastUsedWrite = now;
    this.em
      .fork()
      .nativeUpdate(ApiKey, { id: entry.principal.apiKeyId }, { lastUsedAt: new Date(now) })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not record API key use'));
  }
}
