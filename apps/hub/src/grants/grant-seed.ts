import { readFileSync } from 'node:fs';
import type { CreateGrantRequest } from '@welkom/contracts/generated/welkom/hub/v1/grant';
import type { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { toTimestamp } from '@welkom/platform';
import type { EvidenceCatalogue } from '../catalogue/evidence-catalogue';
import { type CreateGrantCommand, createGrantCommand } from './grant.command';

interface GrantSeedFile {
  grants: {
    id: string;
    requester: { oin?: string; role?: string; subUnit?: string };
    evidenceType: string;
    purpose: string;
    legalBasis: string;
    allowedFields: string[];
    validFrom: string;
    validTo: string;
    requiresExplicitRequest?: boolean;
  }[];
}

function timestamp(value: string) {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? { seconds: 'not-a-time', nanos: 0 } : toTimestamp(date);
}

/**
 * Reads a grant seed file (deploy/hub/*.json) into the same commands the admin API builds, so a seed is
 * checked exactly like an operator's request; a bad grant stops start-up with its position.
 */
export function readGrantSeed(path: string, catalogue: EvidenceCatalogue): CreateGrantCommand[] {
  const file = JSON.parse(readFileSync(path, 'utf8')) as GrantSeedFile;
  return file.grants.map((seed, index) => {
    const request: CreateGrantRequest = {
      grant: {
        grantId: seed.id,
        ...(seed.requester.oin !== undefined ? { requesterOin: seed.requester.oin } : {}),
        ...(seed.requester.role !== undefined ? { requesterRole: `PARTY_ROLE_${seed.requester.role}` as PartyRole } : {}),
        requesterSubUnit: seed.requester.subUnit ?? '',
        evidenceType: `EVIDENCE_TYPE_${seed.evidenceType}` as EvidenceType,
        purpose: seed.purpose,
        legalBasis: seed.legalBasis,
        allowedFields: seed.allowedFields,
        validFrom: timestamp(seed.validFrom),
        validTo: timestamp(seed.validTo),
        requiresExplicitRequest: seed.requiresExplicitRequest ?? false,
        createdAt: undefined,
        endedAt: undefined,
        endReason: '',
      },
    };
    try {
      return createGrantCommand(request, catalogue, { idFromSeed: true });
    } catch (error: unknown) {
      throw new Error(`${path}: grants[${index}] (${seed.id}): ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}
