import { GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/**
 * Field resolvers called directly instead of through type-graphql's generic wrapper.
 *
 * type-graphql calls every `@FieldResolver` (and every method `@Field`) through one wrapper that,
 * on each call, builds a resolver-data object, asks its container for the resolver instance, sorts
 * the method's parameter list (V8 copies an array to sort it), maps it to values and applies the
 * method. A waiting-list page of 50 referrals makes about 250 such calls (child, currentMatch,
 * volunteer, provider, daysWaiting), and the wrapper's allocations were a sixth of the request's.
 *
 * A field resolver whose parameters are only its parent (`@Root()`), the context (`@Ctx()`, whole
 * or one property) and `@Info()`, with no middleware and no roles, needs none of that: its
 * arguments are known when the schema is built. Such a field gets a function that passes them
 * straight to the method. Everything else keeps type-graphql's wrapper: arguments (which it turns
 * into class instances), custom parameter decorators, middleware, `@Authorized`. A parent that is
 * not already an instance of the declared class (type-graphql would copy it into one) also goes to
 * the wrapper, so what a method receives is the same either way.
 *
 * Resolver classes are made once each, as type-graphql's default container does; ours keep no
 * state (they take everything from the context).
 */

type Param = { kind: string; index: number; propertyName?: string; getType?: () => unknown };
type FieldResolverMetadata = {
  kind: 'internal' | 'external';
  target: new () => object;
  methodName: string;
  schemaName: string;
  getObjectType?: () => unknown;
  params?: Param[];
  middlewares?: unknown[];
  roles?: unknown[];
};
type ObjectTypeMetadata = { name: string; target: unknown };

type Method = (...values: unknown[]) => unknown;
type Resolver = GraphQLFieldResolver<unknown, Record<string, unknown>>;
type Getter = (root: unknown, context: Record<string, unknown>, info: GraphQLResolveInfo) => unknown;

const asRoot: Getter = (root) => root;
const asContext: Getter = (_root, context) => context;
const asInfo: Getter = (_root, _context, info) => info;

/** How to get one parameter's value, or null when type-graphql must do it. */
function getterFor(param: Param): Getter | null {
  if (param.kind === 'root' && !param.propertyName) return asRoot;
  if (param.kind === 'info') return asInfo;
  if (param.kind === 'context') {
    const name = param.propertyName;
    return name ? (_root, context) => context[name] : asContext;
  }
  return null;
}

/** The class a root parameter is declared as, when type-graphql would convert to it. */
function declaredClass(param: Param): (abstract new (...args: never[]) => unknown) | null | undefined {
  if (param.kind !== 'root' || !param.getType) return null;
  const type = param.getType();
  // Anything but a class (a scalar, an enum object) is passed through by type-graphql as it is.
  return typeof type === 'function' ? (type as abstract new (...args: never[]) => unknown) : undefined;
}

/** The classes `target` inherits from, itself first. */
function classChain(target: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = target; typeof current === 'function' && current !== Function.prototype; current = Object.getPrototypeOf(current)) {
    chain.push(current);
  }
  return chain;
}

/**
 * Replaces the wrapper on every eligible field of `schema` (built by type-graphql from
 * `resolverClasses`) and returns those fields (`Type.field`). Call it before anything else wraps the
 * schema's resolvers.
 */
export function callFieldResolversDirectly(schema: GraphQLSchema, resolverClasses: readonly unknown[]): string[] {
  const storage = getMetadataStorage() as unknown as { objectTypes: ObjectTypeMetadata[]; fieldResolvers: FieldResolverMetadata[] };
  const instances = new Map<unknown, object>();
  const replaced: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const declared = storage.objectTypes.filter((objectType) => objectType.name === type.name);
    if (declared.length !== 1) continue;
    const chain = classChain(declared[0].target);
    for (const field of Object.values(type.getFields())) {
      const original = field.resolve as Resolver | undefined;
      if (!original) continue;
      // The metadata type-graphql built this field from: the one on the nearest class in the chain.
      const candidates = storage.fieldResolvers.filter(
        (metadata) =>
          metadata.schemaName === field.name &&
          chain.includes(metadata.getObjectType?.()) &&
          (metadata.kind === 'internal' || resolverClasses.includes(metadata.target)),
      );
      if (candidates.length === 0) continue;
      const nearest = Math.min(...candidates.map((metadata) => chain.indexOf(metadata.getObjectType?.())));
      const found = candidates.filter((metadata) => chain.indexOf(metadata.getObjectType?.()) === nearest);
      if (found.length !== 1) continue;
      const direct = directResolver(found[0], original, instances);
      if (!direct) continue;
      field.resolve = direct;
      replaced.push(`${type.name}.${field.name}`);
    }
  }
  return replaced;
}

function directResolver(metadata: FieldResolverMetadata, original: Resolver, instances: Map<unknown, object>): Resolver | null {
  if (metadata.middlewares?.length || metadata.roles || !metadata.params) return null;
  // type-graphql passes the decorated parameters in index order, one after another.
  const params = [...metadata.params].sort((a, b) => a.index - b.index);
  const getters: Getter[] = [];
  for (const param of params) {
    const getter = getterFor(param);
    if (!getter) return null;
    getters.push(getter);
  }
  const rootClasses = params.map(declaredClass);
  if (rootClasses.includes(undefined)) return null;
  const rootClass = rootClasses.find((value) => value !== null) ?? null;

  if (metadata.kind === 'internal') {
    // A method of the object type itself, called on the parent.
    const objectType = metadata.getObjectType?.();
    if (typeof objectType !== 'function') return null;
    const methodName = metadata.methodName;
    return (root, args, context, info) => {
      if (!(root instanceof objectType) || (rootClass && !(root instanceof rootClass))) return original(root, args, context, info);
      const method = (root as Record<string, unknown>)[methodName];
      if (typeof method !== 'function') return method;
      return call(method as Method, root, getters, root, context, info);
    };
  }

  let instance = instances.get(metadata.target);
  if (!instance) {
    instance = new metadata.target();
    instances.set(metadata.target, instance);
  }
  const found = (instance as Record<string, unknown>)[metadata.methodName];
  if (typeof found !== 'function') return null;
  const method = found as Method;
  const self = instance;
  if (!rootClass) return (root, _args, context, info) => call(method, self, getters, root, context, info);
  return (root, args, context, info) =>
    root instanceof rootClass || root === null || root === undefined ? call(method, self, getters, root, context, info) : original(root, args, context, info);
}

/**
 * Calls `method` with its parameters' values. Spelled out for up to three parameters (the field
 * resolvers called directly here take at most two) so that a call builds no argument array: the point of this
 * module is a call that allocates nothing of its own.
 */
function call(method: Method, self: unknown, getters: Getter[], root: unknown, context: Record<string, unknown>, info: GraphQLResolveInfo): unknown {
  switch (getters.length) {
    case 0:
      return method.call(self);
    case 1:
      return method.call(self, getters[0](root, context, info));
    case 2:
      return method.call(self, getters[0](root, context, info), getters[1](root, context, info));
    case 3:
      return method.call(self, getters[0](root, context, info), getters[1](root, context, info), getters[2](root, context, info));
    default:
      return method.apply(
        self,
        getters.map((getter) => getter(root, context, info)),
      );
  }
}
