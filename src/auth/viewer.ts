import { createSecretKey, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { ClaimDirectory } from './claimDirectory';
import { Role } from './roles';
import { providerKey } from './scope';

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

/** How long-lived a token may be and how far ahead its issuer's clock may run (TOKEN_* in src/config.ts). */
export type TokenRules = { maxLifetimeSeconds: number; clockSkewSeconds: number };

const isoSeconds = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

function hours(seconds: number): string {
  const value = seconds / 3600;
  return `${Number.isInteger(value) ? value : value.toFixed(2)} h`;
}

/**
 * Verifies an HS256 token and checks its claims: it was issued (iat) no later than now plus the
 * allowed clock skew, lives (exp - iat) no longer than the maximum, and names an organisation that
 * exists for its role: a council officer the exact code of a current council, a coordinator an
 * existing provider. Throws AuthenticationError naming the claim that is wrong.
 */
export async function verifyToken(token: string, secret: string, rules: TokenRules, directory: ClaimDirectory): Promise<Principal> {
  let payload: Record<string, unknown>;
  const invalid = "The bearer token is not valid: expected an HS256 JWT signed with this service's secret, with sub, role, iat and exp claims.";
  try {
    const verified = jwt.verify(token, secretKey(secret), { algorithms: ['HS256'], clockTolerance: rules.clockSkewSeconds });
    if (typeof verified === 'string') throw new AuthenticationError(invalid);
    payload = verified;
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw new AuthenticationError('The bearer token has expired: get a new one.');
    throw new AuthenticationError(invalid);
  }
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new AuthenticationError(invalid);
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || !Number.isFinite(iat)) {
    throw new AuthenticationError('The bearer token has no iat claim: expected the time it was issued (seconds since 1970), so its lifetime can be checked.');
  }
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    throw new AuthenticationError(
      'The bearer token has no exp claim: expected the time it expires (seconds since 1970); tokens without an expiry are refused.',
    );
  }
  const now = Math.floor(Date.now() / 1000);
  if (iat > now + rules.clockSkewSeconds) {
    throw new AuthenticationError(
      `The bearer token's iat claim (${isoSeconds(iat)}) is in the future: this server's time is ${isoSeconds(now)} and it allows ${rules.clockSkewSeconds} s of clock skew (TOKEN_CLOCK_SKEW_SECONDS). Check the issuer's clock.`,
    );
  }
  if (exp - iat > rules.maxLifetimeSeconds) {
    throw new AuthenticationError(
      `The bearer token lives ${hours(exp - iat)} from iat to exp; at most ${hours(rules.maxLifetimeSeconds)} is accepted (TOKEN_MAX_LIFETIME_HOURS). Get a shorter-lived token.`,
    );
  }
  const role = payload.role;
  if (typeof role !== 'string' || !ROLES.has(role)) {
    throw new AuthenticationError(`The bearer token's role claim must be one of ${[...ROLES].join(', ')}.`);
  }
  const councilCode = typeof payload.la === 'string' ? payload.la : null;
  const providerId = typeof payload.provider === 'string' ? payload.provider : null;
  if (role === Role.COUNCIL_OFFICER) {
    if (!councilCode) throw new AuthenticationError('A COUNCIL_OFFICER token needs an la claim (council code such as E06000001).');
    const status = await directory.councilStatus(councilCode);
    const shown = JSON.stringify(councilCode.slice(0, 20));
    if (status === 'unknown') {
      const hint =
        councilCode !== councilCode.toUpperCase() && (await directory.councilStatus(councilCode.toUpperCase())) !== 'unknown'
          ? ' Council codes are upper case.'
          : '';
      throw new AuthenticationError(
        `The bearer token's la claim ${shown} is not a council code: expected the exact ONS code of a current council, such as E06000001.${hint}`,
      );
    }
    if (status === 'abolished') {
      throw new AuthenticationError(
        `The bearer token's la claim ${shown} names a council that no longer exists: expected the code of a current council (its successor).`,
      );
    }
  }
  if (role === Role.PROVIDER_COORDINATOR) {
    if (!providerId) throw new AuthenticationError("A PROVIDER_COORDINATOR token needs a provider claim (the provider's global ID).");
    const key = providerKey({ userId: payload.sub, role: Role.PROVIDER_COORDINATOR, councilCode: null, providerId });
    if (!key || !(await directory.providerExists(key))) {
      throw new AuthenticationError("The bearer token's provider claim names no provider: expected the global ID (Provider.id) of an existing provider.");
    }
  }
  return {
    userId: String(payload.sub),
    role: role as Role,
    councilCode: role === Role.COUNCIL_OFFICER ? councilCode : null,
    providerId: role === Role.PROVIDER_COORDINATOR ? providerId : null,
  };
}

export async function signToken(claims: { sub: string; role: Role; la?: string; provider?: string }, secret: string, expiresIn = '12h'): Promise<string> {
  return jwt.sign({ role: claims.role, ...(claims.la ? { la: claims.la } : {}), ...(claims.provider ? { provider: claims.provider } : {}) }, secret, {
    algorithm: 'HS256',
    subject: claims.sub,
    expiresIn: expiresIn as jwt.SignOptions['expiresIn'],
  });
}
