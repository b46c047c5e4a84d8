/**
 * The most recently used response bodies of this process, up to `maxBytes` in all, each until its own expiry: a Map
 * kept in use order (a hit moves its entry to the end; the oldest go first when full). Keys carry their dashboard's
 * data generation, so an entry is never used after an ingest, whichever process served it.
 */
export class RecentBodies {
  private readonly entries = new Map<string, { body: Buffer; expiresAt: number }>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): Buffer | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.bytes -= entry.body.length;
      return null;
    }
    this.entries.set(key, entry);
    return entry.body;
  }

  set(key: string, body: Buffer, ttlSeconds: number): void {
    if (body.length > this.maxBytes) return;
    this.delete(key);
    this.entries.set(key, { body, expiresAt: this.now() + ttlSeconds * 1000 });
    this.bytes += body.length;
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }
}
