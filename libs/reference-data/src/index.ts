export { ReferenceDataError } from './reference-data.error';
export {
  isoDateSchema,
  referenceFileFields,
  referenceFileSchema,
  referenceSourceSchema,
  sourceSchema,
  validityFields,
  type ReferenceSource,
  type Validity,
} from './reference-file.schema';
export { describePath, parseReferenceFile, readReferenceFile } from './reference-file.loader';
export { DatedEntries, isValidOn, validityProblems } from './dated-entries';
export {
  bundledDecisionPeriodReference,
  DECISION_PERIODS_FILE,
  decisionPeriodsSchema,
  decisionPeriodVersionOn,
  parseDecisionPeriodReference,
  readDecisionPeriodReference,
  statutoryPeriodIn,
  type DecisionPeriodReference,
  type DecisionPeriodVersion,
  type StatutoryPeriodRule,
} from './tables/decision-period.reference';
export { partyFileSchema, readPartyFile, type PartyFile, type PartyFileEntry } from './tables/party.reference';
export {
  blueCardCriterionFor,
  blueCardEntryOn,
  bundledSalaryThresholdReference,
  hsmCriterionFor,
  parseSalaryThresholdReference,
  readSalaryThresholdReference,
  REFERENCE_DATE_SITUATIONS,
  SALARY_CRITERIA,
  SALARY_THRESHOLDS_FILE,
  salaryCriterionAmount,
  salaryReferenceDate,
  type BlueCardThresholdEntry,
  type HsmCriterionFacts,
  type HsmThresholdEntry,
  type ReferenceDateSituation,
  type SalaryCriterion,
  type SalaryCriterionAmount,
  type SalaryThresholdReference,
} from './tables/salary-threshold.reference';
export { salaryCriterionOf, wageThresholdCategoryOf } from './tables/wage-threshold-category.mapper';
export {
  bundledWelcomeCentreReference,
  parseWelcomeCentreReference,
  readWelcomeCentreReference,
  WELCOME_CENTRES_FILE,
  WelcomeCentreReference,
  welcomeCentresSchema,
  type CollectionPoint,
  type IndDesk,
  type WelcomeCentre,
} from './tables/welcome-centre.reference';
export {
  bundledMvvExemptionReference,
  MVV_EXEMPT_SITUATIONS,
  MVV_EXEMPTIONS_FILE,
  MVV_SITUATION_CONDITIONS,
  MvvExemptionReference,
  mvvExemptionsSchema,
  parseMvvExemptionReference,
  readMvvExemptionReference,
  type MvvApplicant,
  type MvvExemptSituation,
  type MvvRequirement,
  type MvvSituationCondition,
} from './tables/mvv-exemption.reference';
export {
  OPERATOR_ROLES,
  operatorRegisterSchema,
  operatorStandingOn,
  readOperatorRegister,
  type OperatorRegister,
  type OperatorRegisterEntry,
  type OperatorRole,
  type OperatorStanding,
} from './tables/operator-register.reference';
