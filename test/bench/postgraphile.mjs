// PostGraphile v5 (amber preset + @graphile/pg-aggregates) over the same database as Tandem, for
// `npm run bench`. Runs under Node.js 22 (node_modules/node/bin/node), never under the project's
// Node 20. Environment: DATABASE_URL, PORT. Prints "READY <port>" once it serves /graphql.
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PgAggregatesPreset } from '@graphile/pg-aggregates';

const preset = {
  extends: [PostGraphileAmberPreset, PgAggregatesPreset],
  // By default v5 offers conditions and orderBy only on indexed columns; the bench filters and
  // sorts by status, service and accepted_on as Tandem does (v4's default behaviour).
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ['public'], poolConfig: { max: Number(process.env.POOL_SIZE ?? 10) } })],
  grafserv: { graphiql: false, watch: false, graphqlPath: '/graphql' },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
serv.addTo(server);
await pgl.getSchema();
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`READY ${server.address().port}`);
});
const stop = async () => {
  server.closeAllConnections?.();
  server.close();
  await pgl.release();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
