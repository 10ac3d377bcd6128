/**
 * Request validation, one way in every service.
 *
 * - A `.command.ts` file describes its request as a zod schema built from the shared field rules here
 *   (`text`, `uuid`, `referenceId`, `isoDate`, `countryCode`, `bsn`, `oin`, `pageSize`, …) or from `fieldRule`
 *   for a check of its own, plus `refineRequest` for checks across fields.
 * - `parseRequest(schema, request)` returns the parsed value or throws `DomainError('INVALID_ARGUMENT')` with a
 *   `google.rpc.BadRequest` field violation per problem, every one of them, at the proto field path
 *   (`subject_identifier.bsn`, `grant.allowed_fields[0]`): zod's camelCase path, spelt as in the proto.
 * - Rules never abort a parse, so a client hears every problem in one answer. No regex of a shared format is
 *   written anywhere else.
 */
export * from './field-rule';
export * from './field-rules';
export * from './parse-request';
export * from './subject-identifier.rule';
