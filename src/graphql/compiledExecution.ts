import type { GatewayExecutionResult, GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, GraphQLError, GraphQLSchema, getVariableValues, printSchema } from 'graphql';
import type { ExecutionResult } from 'graphql';
import { compileQuery, CompiledQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

/**
 * Compiled execution for repeated operations, behind Apollo Server's executor hook.
 *
 * graphql-js walks the document for every field of every row: for a page of 100 referrals that
 * is most of the request's own CPU (argument values, field completion, a promise check per
 * field). graphql-jit turns an operation into a JavaScript function once, so a repeated list
 * request runs the same resolvers without the walk. Apollo still parses, validates (with the
 * depth, cost and armor rules), runs its plugins and formats errors; only execution changes.
 *
 * An operation is compiled at its `compileAt`-th run (by its text's hash and operation name; 2 by
 * default, GRAPHQL_COMPILE_AT): a one-off query would pay the compile (about a millisecond) for
 * nothing, and a hostile client sending new texts must not buy a compile per request. Until then,
 * and for operations that do not compile, graphql-js executes as before. At most MAX_COMPILED
 * operations are remembered. The tests compile at the first run, so every operation they send
 * runs compiled.
 */
const MAX_COMPILED = 500;

type Compiled = { seen: number; compiled: CompiledQuery | null };

export function compiledExecutor(schema: GraphQLSchema, compileAt: number, onCompiled: (operationName: string | null) => void = () => {}): GatewayExecutor {
  const operations = new LRUCache<string, Compiled>({ max: MAX_COMPILED });
  const interpret = async (request: GatewayGraphQLRequestContext) =>
    (await execute({
      schema,
      document: request.document,
      contextValue: request.context,
      variableValues: request.request.variables,
      operationName: request.request.operationName,
    })) as GatewayExecutionResult;
  return async (request) => {
    // No operation resolved (an unknown operationName, or several operations and none named):
    // graphql-js answers why, and Apollo turns that into a 400.
    if (!request.operation) return interpret(request);
    const operationName = request.request.operationName ?? null;
    const key = `${operationName ?? ''}:${request.queryHash}`;
    let entry = operations.get(key);
    if (!entry) {
      entry = { seen: 0, compiled: null };
      operations.set(key, entry);
    }
    entry.seen += 1;
    if (!entry.compiled && entry.seen === compileAt) {
      const result = compileQuery(schema, request.document, operationName ?? undefined, {
        // Leaves are serialized by their types as graphql-js does; Apollo stringifies the result.
        customJSONSerializer: false,
      });
      if (isCompiledQuery(result)) {
        entry.compiled = result;
        onCompiled(operationName);
      }
    }
    if (!entry.compiled) return interpret(request);
    // Variables are checked by graphql-js first, as its execute would, so that a bad value gets
    // graphql-js's own error (which Apollo turns into BAD_USER_INPUT and HTTP 400); the compiled
    // query then coerces the same values again, which costs little for a page's few variables.
    const variables = request.request.variables ?? {};
    const checked = getVariableValues(schema, request.operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
    if (checked.errors) return { errors: checked.errors };
    const result = (await entry.compiled.query(undefined, request.context, variables)) as ExecutionResult;
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
  };
}

/**
 * graphql-jit's errors as graphql-js would locate them: graphql-jit leaves `extensions` undefined
 * when the thrown error had none, where Apollo and the error formatter expect an object; here
 * they come from the thrown error as graphql-js takes them, with graphql-jit's locations.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const located = new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions ?? undefined,
  });
  // graphql-jit gives the locations themselves, not the nodes they come from.
  if (!located.locations && error.locations) (located as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return located;
}

/**
 * The fixed schema as an Apollo "gateway", which is how Apollo Server accepts its own executor:
 * it loads once, never updates and has nothing to stop.
 */
export function compiledGateway(schema: GraphQLSchema, compileAt: number, onCompiled?: (operationName: string | null) => void): GatewayInterface {
  const listeners = new Set<Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0]>();
  return {
    onSchemaLoadOrUpdate(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    async load() {
      const sdl = printSchema(schema);
      for (const listener of listeners) listener({ apiSchema: schema, coreSupergraphSdl: sdl });
      return { schema, executor: compiledExecutor(schema, compileAt, onCompiled) };
    },
    async stop() {
      listeners.clear();
    },
  };
}
