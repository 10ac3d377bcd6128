import { Controller, Get } from '@nestjs/common';
import { type CapacityReport, CapacityService } from './capacity.service';

/** GET /capacity: the figures per post as JSON (the same as the consular_* Prometheus metrics). */
@Controller('capacity')
export class CapacityHttpController {
  constructor(private readonly capacity: CapacityService) {}

  @Get()
  report(): Promise<CapacityReport> {
    return this.capacity.report();
  }
}
