import type { Server } from 'node:http';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../src/auth/viewer';
import { signToken } from '../../src/auth/viewer';
import { createRateLimits } from '../../src/auth/rateLimits';
import { Config, loadConfig } from '../../src/config';
import { runCountingStatements } from '../../src/database/statementCounter';
import { createContext } from '../../src/app/context';
import { createLogger, Logger } from '../../src/logger';
import { createServer, TandemServer } from '../../src/app/server';

/**
 * The environment of testConfig, for a test that changes one setting. Every operation the tests
 * send runs compiled by graphql-jit from its first run (src/graphql/compiledExecution.ts);
 * production compiles at the second.
 */
export const TEST_ENVIRONMENT = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  AUTH_JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
  GRAPHQL_COMPILE_AT: '1',
};
export const testConfig = loadConfig(TEST_ENVIRONMENT);
export const testLogger = createLogger('silent');

export type OperationResult<TData> = {
  data: TData | null | undefined;
  errors: { message: string; extensions?: Record<string, unknown> }[] | undefined;
  /** SQL statements the operation ran. */
  statements: number;
  sql: string[];
};

/**
 * Runs operations in process through Apollo, with a real database, counting the SQL statements
 * each one runs. Use `listen()` for tests that need real HTTP.
 */
export class TestServer {
  /** Rate limits for in-process calls; each test server has its own, like each server process. */
  readonly limits = createRateLimits(testConfig.selfReferralsPerHour);

  private constructor(
    readonly db: DataSource,
    readonly server: TandemServer,
    readonly config: Config,
  ) {}

  static async start(db: DataSource, config: Config = testConfig, logger: Logger = testLogger): Promise<TestServer> {
    return new TestServer(db, await createServer(config, db, logger), config);
  }

  async execute<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables> | string,
    variables?: TVariables,
    principal: Principal | null = null,
    clientAddress = '127.0.0.1',
  ): Promise<OperationResult<TData>> {
    const { result, tally } = await runCountingStatements(
      () =>
        this.server.apollo.executeOperation(
          { query: document as never, variables },
          {
            contextValue: createContext(
              this.db,
              principal,
              'test-request',
              testLogger,
              this.limits,
              clientAddress,
              { commissionBackdateDays: this.config.commissionBackdateDays },
              this.config.matchingWeights,
            ),
          },
        ),
      true,
    );
    if (result.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = result.body.singleResult;
    return { data: data as TData | null | undefined, errors: errors as OperationResult<TData>['errors'], statements: tally.statements, sql: tally.sql };
  }

  /** Serves the express app on a free loopback port. */
  async listen(): Promise<{ url: string; close: () => Promise<void> }> {
    const http = await new Promise<Server>((resolve) => {
      const listening = this.server.app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const address = http.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return {
      url: `http://127.0.0.1:${port}`,
      close: () =>
        new Promise<void>((resolve) => {
          http.closeAllConnections();
          http.close(() => resolve());
        }),
    };
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }
}

export function tokenFor(principal: { sub: string; role: Principal['role']; la?: string; provider?: string }): Promise<string> {
  return signToken(principal, testConfig.jwtSecret);
}
