import net from 'node:net';

/**
 * A TCP relay between the code under test and PostgreSQL, so a test can take the database off the
 * network (every open connection reset, new ones refused) and bring it back on the same port.
 */
export class DatabaseRelay {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly target: { host: string; port: number }) {}

  /** The relay for the database at `url`. */
  static to(url: string): DatabaseRelay {
    const target = new URL(url);
    return new DatabaseRelay({ host: target.hostname, port: Number(target.port || 5432) });
  }

  get listening(): boolean {
    return this.server?.listening ?? false;
  }

  /** Starts relaying on `port` (0: a free one) and returns the port. */
  start(port = 0): Promise<number> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      this.sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
    });
    this.server = server;
    return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
  }

  /** Cuts every connection and stops accepting new ones. */
  cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const server = this.server;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}
