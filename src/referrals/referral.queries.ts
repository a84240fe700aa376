import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { referralScope } from '../auth/scope';
import type { Principal } from '../auth/viewer';
import { groupInKeyOrder, oneInKeyOrder } from '../graphql/listQuery';

export type ReferralRow = {
  referral_id: string;
  child_id: string;
  council_code: string;
  placement_council_code: string;
  service: string;
  source: string;
  status: string;
  referred_on: string;
  accepted_on: string | null;
  matched_on: string | null;
  closed_on: string | null;
  close_reason: string | null;
  reason: string | null;
  preferred_volunteer_gender: string | null;
  volunteer_gender_required: boolean;
  preferred_languages: string[];
  language_required: boolean;
  self_referral_id: string | null;
};

export const REFERRAL_COLUMNS = `r.referral_id, r.child_id, r.council_code, r.placement_council_code, r.service, r.source, r.status,
  r.referred_on, r.accepted_on, r.matched_on, r.closed_on, r.close_reason, r.reason, r.preferred_volunteer_gender,
  r.volunteer_gender_required, r.preferred_languages, r.language_required, r.self_referral_id`;

export function createReferralLoaders(db: DataSource, principal: Principal | null) {
  return {
    referralById: new DataLoader<string, ReferralRow | null>(async (ids) => {
      const params: unknown[] = [ids];
      const rows: ReferralRow[] = await db.query(
        `select ${REFERRAL_COLUMNS} from referrals r where r.referral_id = any($1::uuid[]) and ${referralScope(principal, 'r', params)}`,
        params,
      );
      return oneInKeyOrder(ids, rows, (row) => row.referral_id);
    }),
    referralsByChild: new DataLoader<string, ReferralRow[]>(async (ids) => {
      const params: unknown[] = [ids];
      const rows: ReferralRow[] = await db.query(
        `select ${REFERRAL_COLUMNS} from referrals r where r.child_id = any($1::uuid[]) and ${referralScope(principal, 'r', params)}
         order by r.child_id, r.referred_on, r.referral_id`,
        params,
      );
      return groupInKeyOrder(ids, rows, (row) => row.child_id);
    }),
  };
}
