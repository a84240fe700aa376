/**
 * Global IDs, the opaque identifiers the API hands out and bearer tokens carry. A neutral module
 * at the bottom of the layers: the GraphQL plumbing (src/graphql/relay.ts) and auth both use it,
 * and neither depends on the other for it.
 */

// Global IDs are base64url("Type:key"): opaque to clients, cheap to decode, and typed so a
// referral's ID can never be used to fetch a child.
export function toGlobalId(type: string, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

export function fromGlobalId(id: string): { type: string; key: string } | null {
  if (typeof id !== 'string' || id.length === 0 || id.length > 200 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator <= 0 || separator === decoded.length - 1) return null;
  const type = decoded.slice(0, separator);
  const key = decoded.slice(separator + 1);
  // A key is a UUID or a council code: control characters (NUL above all) never belong in one.
  // eslint-disable-next-line no-control-regex
  if (!/^[A-Za-z]+$/.test(type) || /[\u0000-\u001f\u007f]/.test(key)) return null;
  return { type, key };
}

/** The key of a global ID of the expected type, or null when it is malformed or of another type. */
export function keyOfGlobalId(id: string, expectedType: string): string | null {
  const parsed = fromGlobalId(id);
  return parsed && parsed.type === expectedType ? parsed.key : null;
}
