import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('applies defaults for a bare environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ nodeEnv: 'development', port: 4000, databaseUrl: undefined, jwtSecret: DEVELOPMENT_JWT_SECRET, logLevel: 'info' });
    // Repeated operations compile at their second run; lists and loaders run as prepared statements.
    expect(config).toMatchObject({ graphqlCompileAt: 2, databasePreparedStatements: true });
  });

  it.each([
    ['PORT', 'eighty', /PORT: expected a whole number/],
    ['PORT', '70000', /PORT: expected a port from 0 to 65535/],
    ['DATABASE_URL', 'mysql://localhost/x', /DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\/ connection URL/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: .*\(got "loud"\)/],
    ['AUTH_JWT_SECRET', 'short', /AUTH_JWT_SECRET: expected at least 32 characters/],
    ['DATABASE_POOL_SIZE', '0', /DATABASE_POOL_SIZE: expected a number above 0/],
    ['DATABASE_PREPARED_STATEMENTS', 'yes', /DATABASE_PREPARED_STATEMENTS: expected true or false \(got "yes"\)/],
    ['TRUST_PROXY', 'TRUE', /TRUST_PROXY: expected true or false \(got "TRUE"\)/],
    ['GRAPHQL_COMPILE_AT', 'twice', /GRAPHQL_COMPILE_AT: expected a whole number/],
    ['GRAPHQL_COMPILE_AT', '-1', /GRAPHQL_COMPILE_AT: expected 0 \(never\) or more/],
  ])('rejects %s=%s with a message naming the variable', (variable, value, message) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(message);
  });

  it('requires a real secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_JWT_SECRET: required in production/);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: 'x'.repeat(32) }).jwtSecret).toBe('x'.repeat(32));
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: undefined, port: 4000 });
  });

  it('reads the matching weights once, with the rest of the configuration', () => {
    expect(loadConfig({ MATCH_WEIGHT_DISTANCE: '50' }).matchingWeights).toMatchObject({ distance: 50, sharedInterests: 25 });
    expect(() => loadConfig({ MATCH_WEIGHT_DISTANCE: 'lots' })).toThrow(ConfigError);
    expect(() => loadConfig({ MATCH_WEIGHT_DISTANCE: 'lots' })).toThrow(/MATCH_WEIGHT_DISTANCE: expected a number; got "lots"/);
  });

  it('reads CORS_ORIGINS as a list of exact origins, none by default', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://dashboard.example.org, http://localhost:5173,,https://dashboard.example.org' }).corsOrigins).toEqual([
      'https://dashboard.example.org',
      'http://localhost:5173',
    ]);
  });

  it.each([
    [
      'https://dashboard.example.org/',
      /CORS_ORIGINS: "https:\/\/dashboard.example.org\/" is not an origin as a browser sends it: expected "https:\/\/dashboard.example.org"/,
    ],
    ['https://Dashboard.example.org', /expected "https:\/\/dashboard.example.org"/],
    ['https://dashboard.example.org:443', /expected "https:\/\/dashboard.example.org"/],
    ['dashboard.example.org', /CORS_ORIGINS: "dashboard.example.org" is not an origin: expected scheme:\/\/host\[:port\]/],
    ['*', /CORS_ORIGINS: "\*" is not an origin/],
    ['ftp://files.example.org', /CORS_ORIGINS: "ftp:\/\/files.example.org" is not an http or https origin/],
  ])('rejects CORS_ORIGINS=%s with a message naming the entry', (value, message) => {
    expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(message);
  });
});
