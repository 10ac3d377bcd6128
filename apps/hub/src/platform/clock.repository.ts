import { Injectable } from '@nestjs/common';

/** The wall clock, behind a repository so services stay deterministic in tests. */
@Injectable()
export class ClockRepository {
  now(): Date {
    return new Date();
  }
}
