import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { FamilyRelation } from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { isoDate, oneOf, optionalMessage, uuid } from '@welkom/validation';
import type { z } from 'zod';
import type { FamilyMemberRecord } from './family-member';
import type { FamilyRelation as FamilyRelationName } from './family-members.reference';

const RELATIONS = {
  [FamilyRelation.FAMILY_RELATION_PARTNER]: 'PARTNER',
  [FamilyRelation.FAMILY_RELATION_MINOR_CHILD]: 'MINOR_CHILD',
} as const satisfies Record<string, FamilyRelationName>;

/** The request's family_member member; whether it belongs to the category is `familyMemberProblems`. */
export const familyMemberSchema = optionalMessage({
  mainApplicationRef: uuid(),
  relation: oneOf(Object.keys(RELATIONS) as (keyof typeof RELATIONS)[], 'must be FAMILY_RELATION_PARTNER or FAMILY_RELATION_MINOR_CHILD'),
  birthDate: isoDate(),
});

export type FamilyMemberInput = z.output<typeof familyMemberSchema>;

/** Required for a family member and meaningless for any other category. */
export function familyMemberProblems(
  category: PermitCategory | undefined,
  details: FamilyMemberInput | undefined,
  report: (path: string[], description: string) => void,
): void {
  if (category === undefined) return;
  if (category !== PermitCategory.PERMIT_CATEGORY_FAMILY_MEMBER) {
    if (details !== undefined) report(['familyMember'], 'only for PERMIT_CATEGORY_FAMILY_MEMBER');
    return;
  }
  if (details === undefined) report(['familyMember'], 'is required for a family member: the main application it is filed together with');
}

export function toFamilyMemberRecord(input: FamilyMemberInput | undefined): FamilyMemberRecord | null {
  if (input === undefined) return null;
  return { mainApplicationRef: input.mainApplicationRef, relation: RELATIONS[input.relation], birthDate: input.birthDate };
}
