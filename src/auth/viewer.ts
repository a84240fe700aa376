import { createSecretKey, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Role } from './roles';

/** The authenticated caller, taken from a verified bearer token. Anonymous callers have none. */
export type Principal = {
  userId: string;
  role: Role;
  /** Council code for COUNCIL_OFFICER. */
  councilCode: string | null;
  /** Provider global ID for PROVIDER_COORDINATOR. */
  providerId: string | null;
};

export class AuthenticationError extends Error {}

// A KeyObject made once per secret: given a string, jsonwebtoken tries it as a public key on
// every request before treating it as a shared secret.
const secretKeys = new Map<string, KeyObject>();
function secretKey(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    secretKeys.set(secret, key);
  }
  return key;
}

const ROLES = new Set<string>(Object.values(Role));

/**
 * Verifies an HS256 token and checks its claims make sense for its role: a council officer must
 * name a council, a coordinator a provider. Throws AuthenticationError saying what is wrong.
 */
export async function verifyToken(token: string, secret: string): Promise<Principal> {
  let payload: Record<string, unknown>;
  const invalid = "The bearer token is not valid: expected an HS256 JWT signed with this service's secret, with sub, role and exp claims.";
  try {
    const verified = jwt.verify(token, secretKey(secret), { algorithms: ['HS256'] });
    if (typeof verified === 'string') throw new AuthenticationError(invalid);
    payload = verified;
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw new AuthenticationError('The bearer token has expired: get a new one.');
    throw new AuthenticationError(invalid);
  }
  if (typeof payload.sub !== 'string' || payload.sub === '' || typeof payload.exp !== 'number') throw new AuthenticationError(invalid);
  const role = payload.role;
  if (typeof role !== 'string' || !ROLES.has(role)) {
    throw new AuthenticationError(`The bearer token's role claim must be one of ${[...ROLES].join(', ')}.`);
  }
  const councilCode = typeof payload.la === 'string' ? payload.la : null;
  const providerId = typeof payload.provider === 'string' ? payload.provider : null;
  if (role === Role.COUNCIL_OFFICER && !councilCode) throw new AuthenticationError('A COUNCIL_OFFICER token needs an la claim (council code such as E06000001).');
  if (role === Role.PROVIDER_COORDINATOR && !providerId) throw new AuthenticationError('A PROVIDER_COORDINATOR token needs a provider claim (the provider\'s global ID).');
  return {
    userId: String(payload.sub),
    role: role as Role,
    councilCode: role === Role.COUNCIL_OFFICER ? councilCode : null,
    providerId: role === Role.PROVIDER_COORDINATOR ? providerId : null,
  };
}

export async function signToken(
  claims: { sub: string; role: Role; la?: string; provider?: string },
  secret: string,
  expiresIn = '12h',
): Promise<string> {
  return jwt.sign(
    { role: claims.role, ...(claims.la ? { la: claims.la } : {}), ...(claims.provider ? { provider: claims.provider } : {}) },
    secret,
    { algorithm: 'HS256', subject: claims.sub, expiresIn: expiresIn as jwt.SignOptions['expiresIn'] },
  );
}
