import { PartiesAndConnectors1763800000000 } from './1763800000000-parties-and-connectors';
import { OnceOnlyEvidence1764000000000 } from './1764000000000-once-only-evidence';
import { AuditChainHeadForwardOnly1764400000000 } from './1764400000000-audit-chain-head-forward-only';
import { EvidenceRequestRoutedSource1764600000000 } from './1764600000000-evidence-request-routed-source';
import { EvidenceRequestQuestion1765050000002 } from './1765050000002-evidence-request-question';
import { EvidenceContentCommitment1765300000000 } from './1765300000000-evidence-content-commitment';
import { SubjectRelations1765300000001 } from './1765300000001-subject-relations';
import { EvidenceRequestIdentifierDisclosed1765350000000 } from './1765350000000-evidence-request-identifier-disclosed';
import { SubjectLinks1765400000000 } from './1765400000000-subject-links';
import { AccountableOperators1765450000000 } from './1765450000000-accountable-operators';
import { AuditCountersignatures1765700000001 } from './1765700000001-audit-countersignatures';
import { SubjectKeyIds1765600000000 } from './1765600000000-subject-key-ids';
import { OperatorRevocations1765700000000 } from './1765700000000-operator-revocations';
import { AuditHeadCheckByIndex1765800000000 } from './1765800000000-audit-head-check-by-index';

/** In order. Never edit a committed migration: add a new one. */
export const HUB_MIGRATIONS = [
  PartiesAndConnectors1763800000000,
  OnceOnlyEvidence1764000000000,
  AuditChainHeadForwardOnly1764400000000,
  EvidenceRequestRoutedSource1764600000000,
  EvidenceRequestQuestion1765050000002,
  EvidenceContentCommitment1765300000000,
  SubjectRelations1765300000001,
  EvidenceRequestIdentifierDisclosed1765350000000,
  SubjectLinks1765400000000,
  AccountableOperators1765450000000,
  SubjectKeyIds1765600000000,
  OperatorRevocations1765700000000,
  AuditCountersignatures1765700000001,
  AuditHeadCheckByIndex1765800000000,
];
