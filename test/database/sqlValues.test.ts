import sql from 'sql-template-tag';
import { z } from 'zod';
import { childScope, referralScope } from '../../src/auth/scope';
import { Role } from '../../src/auth/roles';
import type { Principal } from '../../src/auth/viewer';
import { pgBigint, rowParser } from '../../src/database/rows';
import { checkedRows } from '../../src/database/sql';
import { toGlobalId } from '../../src/graphql/relay';

const officer = { role: Role.COUNCIL_OFFICER, councilCode: 'E06000001', userId: 'u', providerId: null } as unknown as Principal;
const provider = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const coordinator = { role: Role.PROVIDER_COORDINATOR, councilCode: null, userId: 'c', providerId: toGlobalId('Provider', provider) } as unknown as Principal;

describe('SQL as values', () => {
  test('a scope rule carries its own parameters, numbered where it is composed', () => {
    const statement = sql`select 1 from referrals r where r.status = ${'ACCEPTED'}::text and ${referralScope(officer, 'r')}`;
    expect(statement.text).toBe('select 1 from referrals r where r.status = $1::text and r.council_code = $2::text');
    expect(statement.values).toEqual(['ACCEPTED', 'E06000001']);
  });

  test('nested scopes (a coordinator sees a child through a referral) number their parameters in order', () => {
    const statement = sql`select 1 from children c where c.child_id = ${'x'}::uuid and ${childScope(coordinator, 'c')}`;
    expect(statement.values).toEqual(['x', provider, provider]);
    expect(statement.text.match(/\$\d+/g)).toEqual(['$1', '$2', '$3']);
  });

  test('an alias that is not a plain name is refused rather than written into SQL', () => {
    expect(() => referralScope(officer, 'r; drop table referrals')).toThrow(/not a table alias/);
  });
});

describe('rows checked at the boundary', () => {
  const parse = rowParser(z.object({ count: pgBigint, name: z.string() }));

  test('the first row is parsed: a column of the wrong type fails, naming it', () => {
    expect(() => checkedRows([{ count: 3, name: 'a' }], parse)).toThrow(/count/);
  });

  test('rows of the declared shape come back as they are', () => {
    const rows = [
      { count: '3', name: 'a' },
      { count: '4', name: 'b' },
    ];
    expect(checkedRows(rows, parse)).toBe(rows);
    expect(checkedRows([], parse)).toEqual([]);
  });
});
