import type { RevokeOperatorRequest } from '@welkom/contracts/generated/welkom/hub/v1/operator';
import { OPERATOR_ID_PATTERN, parseRequest, text, type TextRule } from '@welkom/validation';
import { z } from 'zod';
import { REASON_RULE } from '../grants/grant.command';

/** As the register and the certificate's UID write an operator (libs/grpc caller-identity.ts). */
const OPERATOR_ID_RULE: TextRule = {
  required: true,
  maxChars: 63,
  pattern: OPERATOR_ID_PATTERN,
  patternDescription: 'must be an operator identifier (a-z, 0-9, ".", "-"), as the operator register lists it',
};

export interface RevokeOperatorCommand {
  operatorId: string;
  reason: string;
}

const revokeOperatorSchema = z.object({ operatorId: text(OPERATOR_ID_RULE), reason: text(REASON_RULE) });

export function revokeOperatorCommand(request: RevokeOperatorRequest): RevokeOperatorCommand {
  return parseRequest(revokeOperatorSchema, request);
}
