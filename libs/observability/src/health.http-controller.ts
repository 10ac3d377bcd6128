import { Controller, Get } from '@nestjs/common';
import { HealthCheck, type HealthCheckResult } from '@nestjs/terminus';
import { ServiceHealthService } from './service-health.service';

@Controller('health')
export class HealthHttpController {
  constructor(private readonly health: ServiceHealthService) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check();
  }
}
