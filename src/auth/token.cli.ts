import 'reflect-metadata';
import { parseArgs } from 'node:util';
import jwt from 'jsonwebtoken';
import { loadConfig } from '../config';
import { Role } from './roles';
import { signToken } from './viewer';
import { runCli } from '../cli';

const USAGE = `Usage: npm run token -- --role ROLE [--la COUNCIL_CODE] [--provider PROVIDER_ID] [--sub USER_ID] [--expires 12h]
  ROLE is one of ${Object.values(Role).join(', ')}.
  COUNCIL_OFFICER needs --la (e.g. E06000001); PROVIDER_COORDINATOR needs --provider (the provider's global ID).
  --expires defaults to the longest lifetime the server accepts (TOKEN_MAX_LIFETIME_HOURS, default 12h).
  The server also checks that the council is current and the provider exists.`;

/** `npm run token`: prints a development token signed with AUTH_JWT_SECRET. */
async function main(argv: string[]): Promise<number> {
  let flags: { role?: string; la?: string; provider?: string; sub?: string; expires?: string };
  try {
    const text = { type: 'string' } as const;
    ({ values: flags } = parseArgs({
      args: argv,
      options: { role: text, la: text, provider: text, sub: text, expires: text },
      strict: true,
      allowPositionals: false,
    }));
  } catch {
    console.error(USAGE);
    return 2;
  }
  const role = flags.role;
  if (!role || !(Object.values(Role) as string[]).includes(role)) {
    console.error(`--role must be one of ${Object.values(Role).join(', ')}; got ${JSON.stringify(role)}.\n${USAGE}`);
    return 2;
  }
  const la = flags.la;
  const provider = flags.provider;
  if (role === Role.COUNCIL_OFFICER && !/^E\d{8}$/.test(la ?? '')) {
    console.error(`COUNCIL_OFFICER needs --la with a council code such as E06000001; got ${JSON.stringify(la)}.`);
    return 2;
  }
  if (role === Role.PROVIDER_COORDINATOR && !provider) {
    console.error("PROVIDER_COORDINATOR needs --provider with the provider's global ID (Provider.id).");
    return 2;
  }
  const config = loadConfig();
  const token = await signToken(
    { sub: flags.sub ?? `dev-${role.toLowerCase()}`, role: role as Role, la, provider },
    config.jwtSecret,
    flags.expires ?? `${config.tokenMaxLifetimeSeconds}s`,
  );
  // A token the server would refuse is no use: say so now rather than at the first request.
  const { iat, exp } = jwt.decode(token) as { iat: number; exp: number };
  if (exp - iat > config.tokenMaxLifetimeSeconds) {
    console.error(
      `--expires ${flags.expires} is longer than the server accepts: at most ${config.tokenMaxLifetimeSeconds / 3600} h (TOKEN_MAX_LIFETIME_HOURS).`,
    );
    return 2;
  }
  console.log(token);
  return 0;
}

runCli(main);
