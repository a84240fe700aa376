import { parseArguments } from '../load/args';

/** The load test's flags (npm run load / npm run flood), parsed with node:util parseArgs. */
describe('parseArguments', () => {
  it('defaults every option', () => {
    expect(parseArguments([])).toEqual({
      clients: 24,
      seconds: 30,
      scale: 0.2,
      seed: 42,
      poolSize: 10,
      selfReferralsPerHour: 10,
      anonymousPerMinute: 1_000_000,
      viewers: 0,
    });
  });

  it('reads both flag forms', () => {
    expect(
      parseArguments(['--clients', '8', '--seconds=5', '--pool', '3', '--self-referrals-per-hour=2', '--anonymous-per-minute', '60', '--viewers=1000']),
    ).toMatchObject({
      clients: 8,
      seconds: 5,
      poolSize: 3,
      selfReferralsPerHour: 2,
      anonymousPerMinute: 60,
      viewers: 1000,
    });
  });

  it('returns null for --help and -h', () => {
    expect(parseArguments(['--help'])).toBeNull();
    expect(parseArguments(['--clients', '3', '-h'])).toBeNull();
  });

  it.each([
    [['--clients', '0'], /^--clients expects a whole number from 1 to 500; got "0"\.\n\nUsage: npm run load/],
    [['--scale=abc'], /^--scale expects a number from 0\.001 to 5; got "abc"\./],
    [['--seed', '1.5'], /^--seed expects a whole number/],
    [['--viewers', '5001'], /^--viewers expects a whole number from 0 to 5000; got "5001"\./],
    [['--clients'], /--clients <value>' argument missing[\s\S]*Usage: npm run load/],
    [['--bogus', '1'], /Unknown option '--bogus'[\s\S]*Usage: npm run load/],
    [['stray'], /Unexpected argument 'stray'[\s\S]*Usage: npm run load/],
  ])('refuses %j with the usage', (argv, message) => {
    expect(() => parseArguments(argv)).toThrow(message);
  });
});
