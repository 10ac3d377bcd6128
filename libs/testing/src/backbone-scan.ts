import { deadLetterTopicOf, TOPICS } from '@welkom/events';
import { createKafkaClient, type KafkaConnection, readTopicToEnd } from '@welkom/messaging';
import { isValidBsn } from '@welkom/validation';

export interface BackboneScan {
  /** How many records were read: a scan of nothing proves nothing. */
  records: number;
  /** One line per record that holds a BSN-valid number or one of the identifiers looked for. */
  found: string[];
}

/**
 * Reads every declared topic and its dead-letter topic whole (keys, values, headers) and reports each record
 * that names a person in clear (issue 11, leak 5): a token of exactly nine digits passing the BSN 11-check
 * (an OIN, a UUID or a hash is another token), or any of `identifiers` (e.g. the passport numbers a spec used).
 */
export async function scanBackboneForIdentifiers(connection: KafkaConnection, identifiers: readonly string[]): Promise<BackboneScan> {
  const kafka = createKafkaClient({ clientId: `backbone-scan-${process.pid}`, ...connection });
  const names = Object.values(TOPICS).flatMap((topic) => [topic.name, deadLetterTopicOf(topic)]);
  const records = await readTopicToEnd(kafka, names);
  const found: string[] = [];
  for (const record of records) {
    const text = [record.key, record.value, ...Object.values(record.headers)]
      .map((part) => (part === null || part === undefined ? '' : Buffer.isBuffer(part) ? part.toString('latin1') : String(part)))
      .join('\n');
    for (const token of text.split(/[^0-9A-Za-z]+/)) {
      if (/^\d{9}$/.test(token) && isValidBsn(token)) found.push(`${record.topic}@${record.offset}: BSN ${token}`);
    }
    for (const identifier of identifiers) if (text.includes(identifier)) found.push(`${record.topic}@${record.offset}: ${identifier}`);
  }
  return { records: records.length, found };
}
