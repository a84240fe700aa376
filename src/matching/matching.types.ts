import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Service } from '../graphql/enums';
import { Referral } from '../referrals/referral.types';
import { Volunteer } from '../volunteers/volunteer.types';
import { UnmatchedReason } from './plan';
import { ExclusionCounts, HardConstraint, MatchFactorName } from './scoring';

registerEnumType(MatchFactorName, {
  name: 'MatchFactorName',
  description: 'A soft factor that ranks volunteers for a child (README "Match suggestions" gives the weights).',
  valuesConfig: {
    DISTANCE: { description: "Distance between the volunteer's home area and the child's placement area." },
    SHARED_INTERESTS: { description: 'Interests the volunteer shares with the child.' },
    SHARED_LANGUAGES: { description: 'Languages other than English that the volunteer shares with the child.' },
    GENDER_PREFERENCE: { description: "The child's preference for the volunteer's gender." },
    LANGUAGE_PREFERENCE: { description: "The referral's preferred languages." },
    EXPERIENCE: { description: 'Earlier matches of the volunteer that started.' },
  },
});

registerEnumType(UnmatchedReason, {
  name: 'UnmatchedReason',
  description: 'Why the plan has no volunteer for a waiting child.',
  valuesConfig: {
    NO_ELIGIBLE_VOLUNTEER: { description: 'No available volunteer meets the hard constraints for this child.' },
    VOLUNTEERS_PLANNED_ELSEWHERE: { description: 'Every eligible volunteer is planned for another child.' },
    HAS_OPEN_MATCH: { description: 'The referral already has a PROPOSED or ACTIVE match.' },
  },
});

registerEnumType(HardConstraint, {
  name: 'HardConstraint',
  description:
    'A rule a volunteer must meet to be suggested or planned for a child. A volunteer left out is counted under the first one they break, checked in the order PROVIDER_NOT_COMMISSIONED, NOT_APPROVED, DBS_NOT_VALID, NO_SPARE_CAPACITY, CHILD_OBJECTED, GENDER_REQUIRED, LANGUAGE_REQUIRED; lists of counts come in that order too.',
  valuesConfig: {
    PROVIDER_NOT_COMMISSIONED: {
      description:
        "The volunteer's provider has no commission from the child's council for the service in force today (it had one before, or has one starting later).",
    },
    NOT_APPROVED: { description: 'The volunteer is not APPROVED (applied, in vetting or training, or inactive; WITHDRAWN volunteers are not counted).' },
    DBS_NOT_VALID: { description: 'No DBS check valid today: none issued, or over 3 years old and not on the update service.' },
    NO_SPARE_CAPACITY: { description: 'The volunteer already has as many PROPOSED or ACTIVE matches as their maxMatches.' },
    CHILD_OBJECTED: { description: 'An earlier match of this child with the volunteer ended because the child objected.' },
    GENDER_REQUIRED: { description: 'The referral requires a volunteer of another gender.' },
    LANGUAGE_REQUIRED: { description: 'The referral requires a language the volunteer does not speak.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'How many volunteers one hard constraint left out.' })
export class ExclusionCount {
  @Field(() => HardConstraint, { description: 'The constraint (the first one each of these volunteers breaks).' })
  constraint: HardConstraint;

  @Field(() => Int, { description: 'Volunteers it left out; never 0 (constraints that left nobody out are not listed).' })
  count: number;
}

@ObjectType({ simpleResolvers: true, description: "One factor's contribution to a suggestion's score, in words a coordinator understands." })
export class MatchFactor {
  @Field(() => MatchFactorName, { description: 'Which factor.' })
  name: MatchFactorName;

  @Field(() => Float, { description: "Points it contributes (one decimal place); a suggestion's factors add up to its score." })
  points: number;

  @Field({ description: 'Why, e.g. "lives 12 km from the placement" or "shares 3 interests: art, football, music".' })
  explanation: string;
}

@ObjectType({ simpleResolvers: true, description: 'A volunteer who meets every hard constraint for the child, with the score that ranks them and why.' })
export class MatchSuggestion {
  @Field(() => Volunteer, { description: 'The volunteer.' })
  volunteer: Volunteer;

  @Field(() => Float, { description: "Sum of the factors' points (one decimal place); higher is a better fit." })
  score: number;

  @Field(() => [MatchFactor], { description: 'Every soft factor, in a fixed order, with its points and explanation.' })
  factors: MatchFactor[];

  @Field(() => Float, { nullable: true, description: "Estimated kilometres between the volunteer's home area and the placement area; null when unknown." })
  distanceKm: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'A child and the volunteer the plan proposes for them.' })
export class PlannedPair {
  @Field(() => Referral, { description: "The child's referral (on the waiting list)." })
  referral: Referral;

  @Field(() => Volunteer, { description: 'The volunteer planned for the child.' })
  volunteer: Volunteer;

  @Field(() => Float, { description: "The pair's score, as suggestedVolunteers gives it." })
  score: number;

  @Field(() => [MatchFactor], { description: 'The factors of the score.' })
  factors: MatchFactor[];

  @Field(() => Int, { description: 'Days the child has waited since the referral was accepted.' })
  waitingDays: number;
}

@ObjectType({ simpleResolvers: true, description: 'A waiting child the plan could not match, and why.' })
export class UnmatchedReferral {
  @Field(() => Referral, { description: "The child's referral." })
  referral: Referral;

  @Field(() => UnmatchedReason, { description: 'Why there is no volunteer in the plan.' })
  reason: UnmatchedReason;

  @Field({ description: 'The reason in words, with counts.' })
  explanation: string;

  @Field(() => Int, { description: 'Available volunteers who meet every hard constraint for this child.' })
  eligibleVolunteers: number;

  @Field(() => Int, { description: 'Days the child has waited since the referral was accepted.' })
  waitingDays: number;

  /** The plan's pair-level counts; `exclusions` adds the volunteer-level ones when selected. */
  pairExclusions: ExclusionCounts;

  /** `${councilCode}|${service}|${today}`: the key of the volunteer-level counts. */
  exclusionsKey: string;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'A proposed volunteer for each child on a waiting list, chosen together to match as many children as possible, longest waiting first, with the highest total score. Nothing is written: a coordinator proposes each pair with proposeMatch.',
})
export class MatchingPlan {
  @Field({ description: 'ONS code of the council whose waiting list this is.' })
  localAuthorityCode: string;

  @Field(() => Service, { description: 'The service.' })
  service: Service;

  @Field(() => [PlannedPair], { description: 'The proposed pairs, longest-waiting child first.' })
  pairs: PlannedPair[];

  @Field(() => [UnmatchedReferral], { description: 'Waiting children without a volunteer in the plan, longest waiting first.' })
  unmatched: UnmatchedReferral[];

  @Field(() => Float, { description: "Sum of the pairs' scores." })
  totalScore: number;

  @Field(() => Int, { description: 'Children the plan matches.' })
  matched: number;

  @Field(() => Int, { description: 'Children on the waiting list you may see.' })
  waitingChildren: number;

  @Field(() => Int, { description: 'Volunteers available to these children (before the per-child constraints).' })
  availableVolunteers: number;

  @Field(() => Int, { description: 'Children that greedy matching (oldest first, each taking the best volunteer left) would match.' })
  greedyMatched: number;

  @Field(() => Float, { description: 'Total score of greedy oldest-first matching.' })
  greedyTotalScore: number;
}
