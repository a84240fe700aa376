import { registerEnumType } from 'type-graphql';

/** Who the caller is, which decides what they may see and change (API.md, "Rules the API enforces"). */
export enum Role {
  COUNCIL_OFFICER = 'COUNCIL_OFFICER',
  PROVIDER_COORDINATOR = 'PROVIDER_COORDINATOR',
  NATIONAL_ANALYST = 'NATIONAL_ANALYST',
  RESEARCHER = 'RESEARCHER',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What a signed-in caller is; it decides which records and figures they see.',
  valuesConfig: {
    COUNCIL_OFFICER: { description: "Works for one council: its children, referrals and matches; every council's published aggregates." },
    PROVIDER_COORDINATOR: { description: 'Works for one provider: its volunteers and matches, and referrals from councils that commission it.' },
    NATIONAL_ANALYST: { description: 'All aggregates unsuppressed; no child-level record.' },
    RESEARCHER: { description: 'Aggregates with statistical disclosure control only.' },
    ADMIN: { description: 'Runs the service: providers, commissions, report refreshes, audit.' },
  },
});
