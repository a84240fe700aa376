import { registerEnumType } from 'type-graphql';

/** Enums shared by several domains (API.md fixes their names and values). */

export enum Service {
  INDEPENDENT_VISITOR = 'INDEPENDENT_VISITOR',
  MENTORING = 'MENTORING',
}
registerEnumType(Service, {
  name: 'Service',
  description: 'What a child is referred for and a provider is commissioned to deliver.',
  valuesConfig: {
    INDEPENDENT_VISITOR: { description: 'An independent visitor (Children Act 1989 s23ZB): a volunteer who visits, advises and befriends.' },
    MENTORING: { description: 'A volunteer mentor.' },
  },
});

export enum Gender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  NON_BINARY = 'NON_BINARY',
  NOT_STATED = 'NOT_STATED',
}
registerEnumType(Gender, { name: 'Gender', description: 'Gender as the person describes it, for matching preferences and equality reporting.' });

export enum PreferredGender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  NON_BINARY = 'NON_BINARY',
}
registerEnumType(PreferredGender, { name: 'PreferredGender', description: "A child's preference for their volunteer's gender." });
