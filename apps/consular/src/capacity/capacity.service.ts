import { Injectable } from '@nestjs/common';
import { MvvCaseRepository } from '../entry-visa/mvv-case.repository';
import { ConsularReference } from '../posts/consular-reference';
import { capacityFigures, type PostCapacity } from './capacity-figures';

export interface CapacityReport {
  readonly referenceVersion: string;
  readonly posts: readonly PostCapacity[];
}

/** The capacity figures from the legs as they stand, for HTTP and for Prometheus. */
@Injectable()
export class CapacityService {
  constructor(
    private readonly legs: MvvCaseRepository,
    private readonly reference: ConsularReference,
  ) {}

  async report(): Promise<CapacityReport> {
    return {
      referenceVersion: this.reference.posts.version,
      posts: capacityFigures(this.reference.posts.postCodes(), await this.legs.offers()),
    };
  }
}
