import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';

/** Why a figure has or lacks a value, following the Department for Education's symbols. */
export enum FigureStatus {
  OK = 'OK',
  SUPPRESSED = 'SUPPRESSED',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
  NOT_AVAILABLE = 'NOT_AVAILABLE',
  LOW = 'LOW',
}

registerEnumType(FigureStatus, {
  name: 'FigureStatus',
  description: 'Whether a published figure has a value, and if not, why not.',
  valuesConfig: {
    OK: { description: 'The value is given.' },
    SUPPRESSED: { description: 'Withheld to protect confidentiality (`c` in CSV).' },
    NOT_APPLICABLE: { description: 'Does not apply, e.g. a council that did not exist that year (`z` in CSV).' },
    NOT_AVAILABLE: { description: 'Not collected or not yet known (`x` in CSV).' },
    LOW: { description: 'An England or region count that is not 0 but rounds to 0, or a rate or ratio computed from one (`low` in CSV).' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'A published number with its status: a null value always comes with the reason.' })
export class Figure {
  @Field(() => Float, { nullable: true, description: 'The value, or null when the status is not OK.' })
  value: number | null;

  @Field(() => FigureStatus, { description: 'OK, or why there is no value.' })
  status: FigureStatus;
}

const STATUS_OF_SYMBOL: Record<string, FigureStatus> = {
  c: FigureStatus.SUPPRESSED,
  low: FigureStatus.SUPPRESSED,
  z: FigureStatus.NOT_APPLICABLE,
  x: FigureStatus.NOT_AVAILABLE,
  u: FigureStatus.NOT_AVAILABLE,
};

/**
 * Maps a stored official value/symbol pair to a Figure. `low` (rounds to 0 but is not 0) hides
 * the true value as `c` does, so it is reported as suppressed rather than as a misleading 0.
 */
export function figureFromOfficial(value: number | null, symbol: string | null): Figure {
  if (value !== null) return { value, status: FigureStatus.OK };
  return { value: null, status: STATUS_OF_SYMBOL[symbol ?? 'x'] ?? FigureStatus.NOT_AVAILABLE };
}
