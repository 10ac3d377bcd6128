import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';

/** New identifiers (UUID v4), behind a repository so services stay deterministic in tests. */
@Injectable()
export class IdRepository {
  newId(): string {
    return randomUUID();
  }
}
