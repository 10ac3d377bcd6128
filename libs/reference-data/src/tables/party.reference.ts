import { z } from 'zod';
import { OIN_PATTERN } from '@welkom/validation';
import { readReferenceFile } from '../reference-file.loader';
import { referenceFileSchema } from '../reference-file.schema';

/**
 * The party list (`deploy/parties/*.json`): every organisation in the chain with its OIN and roles. Shared
 * because the hub's registry, the event signing directory, the development certificates and the test harnesses
 * all read it; the data stays in deploy/ because it is per deployment, the schema lives here.
 */
export const partyFileSchema = referenceFileSchema({
  parties: z.array(
    z.object({
      /** Names the party's certificate files and DNS name in development (deploy/certs). */
      key: z.string().min(1).optional(),
      // OIN (Logius): 20 digits; government bodies 00000001 + RSIN + 000, organisations 00000003 + KvK + 0000.
      oin: z.string().regex(OIN_PATTERN, 'expected a 20-digit OIN'),
      name: z.string().min(1),
      /** Role names without the `PARTY_ROLE_` prefix; the hub checks them against its contract. */
      roles: z.array(z.string().min(1)).min(1, 'expected at least one role'),
      subUnits: z
        .array(
          z.object({
            // A sub-unit code as callers name it in requests, e.g. "nairobi".
            code: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected a sub-unit code callers can name (a-z, 0-9, -)'),
            name: z.string().min(1),
          }),
        )
        .optional(),
    }),
  ),
});

export type PartyFile = z.infer<typeof partyFileSchema>;
export type PartyFileEntry = PartyFile['parties'][number];

export function readPartyFile(filePath: string): PartyFile {
  return readReferenceFile(partyFileSchema, filePath, (file) => {
    const seen = new Set<string>();
    return file.parties.flatMap((party, index) => {
      const duplicate = seen.has(party.oin);
      seen.add(party.oin);
      return duplicate ? [`parties[${index}] (${party.key ?? party.oin}) .oin: ${party.oin} appears twice`] : [];
    });
  });
}
