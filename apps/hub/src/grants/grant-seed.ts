import * as path from 'node:path';
import { z } from 'zod';
import { readReferenceFile, ReferenceDataError, referenceFileSchema } from '@welkom/reference-data';
import type { CreateGrantRequest } from '@welkom/contracts/generated/welkom/hub/v1/grant';
import { RELATION_KINDS, relationToMessage } from '../relations/subject-relation';
import type { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { toTimestamp } from '@welkom/platform';
import type { EvidenceCatalogue } from '../catalogue/evidence-catalogue';
import { type CreateGrantCommand, createGrantCommand, type EndGrantCommand } from './grant.command';

/** What a seed file asks for: grants to create where missing, and grants it shipped earlier to end where active. */
export interface GrantSeed {
  /** The file's name, as the audit trail records where seed grants came from. */
  fileName: string;
  create: CreateGrantCommand[];
  end: EndGrantCommand[];
}

/**
 * The grant seed file. Only the shape is checked here; what a grant may say (a known type, fields the catalogue
 * shares, a UUID, validFrom before validTo) is checked by the same command the admin API uses.
 */
export const grantSeedFileSchema = referenceFileSchema({
  grants: z.array(
    z.object({
      id: z.string().min(1),
      requester: z.object({ oin: z.string().optional(), role: z.string().optional(), subUnit: z.string().optional() }),
      evidenceType: z.string().min(1),
      purpose: z.string(),
      legalBasis: z.string(),
      allowedFields: z.array(z.string()),
      // Instants (RFC 3339), as a grant holds from and to a moment, not a day.
      validFrom: z.string(),
      validTo: z.string(),
      requiresExplicitRequest: z.boolean().optional(),
      /** The relation with the subject the requester must hold (issue 11, leak 4); none when absent. */
      relation: z.enum(RELATION_KINDS).optional(),
      /**
       * A grant the file once shipped and that has since been replaced: the seed ends it where it exists (as
       * the hub operator would, audited and evented) and never creates it. Grants never change once made, so
       * a file that shipped a grant ends it here rather than editing it or dropping it.
       */
      ended: z.object({ reason: z.string().min(1) }).optional(),
    }),
  ),
});

function timestamp(value: string) {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? { seconds: 'not-a-time', nanos: 0 } : toTimestamp(date);
}

/**
 * Reads a grant seed file (deploy/hub/*.json) into the same commands the admin API builds, so a seed is
 * checked exactly like an operator's request; a bad grant stops start-up with its position.
 */
export function readGrantSeed(filePath: string, catalogue: EvidenceCatalogue): GrantSeed {
  const file = readReferenceFile(grantSeedFileSchema, filePath);
  const name = path.basename(filePath);
  const commands = file.grants.map((seed, index) => {
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
        requiredRelation: relationToMessage(seed.relation ?? null),
        createdAt: undefined,
        endedAt: undefined,
        endReason: '',
        proposedBy: '',
        approvedAt: undefined,
        approvedBy: '',
      },
    };
    try {
      return createGrantCommand(request, catalogue, { idFromSeed: true });
    } catch (error: unknown) {
      const message = `${name}: grants[${index}] (${seed.id}): ${error instanceof Error ? error.message : String(error)}`;
      throw new ReferenceDataError(name, [message]);
    }
  });
  return {
    fileName: name,
    create: commands.filter((_, index) => file.grants[index].ended === undefined),
    end: file.grants.flatMap((seed) => (seed.ended === undefined ? [] : [{ grantId: seed.id, reason: seed.ended.reason }])),
  };
}
