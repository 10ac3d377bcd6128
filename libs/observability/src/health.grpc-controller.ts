import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { from, interval, map, type Observable, startWith, switchMap, distinctUntilChanged } from 'rxjs';
import {
  type HealthCheckRequest,
  type HealthCheckResponse,
  HealthCheckResponse_ServingStatus as ServingStatus,
} from '@welkom/contracts/generated/grpc/health/v1/health';
import { ServiceHealthService } from './service-health.service';

const WATCH_INTERVAL_MS = 5_000;

/**
 * The standard grpc.health.v1 protocol, so load balancers and grpc_health_probe can ask. The empty service
 * name means the whole server; the registered service names are answered the same way because they all
 * depend on the same database and broker.
 */
@Controller()
export class HealthGrpcController {
  constructor(private readonly health: ServiceHealthService) {}

  @GrpcMethod('Health', 'Check')
  async check(_request: HealthCheckRequest): Promise<HealthCheckResponse> {
    return { status: await this.servingStatus() };
  }

  @GrpcMethod('Health', 'Watch')
  watch(_request: HealthCheckRequest): Observable<HealthCheckResponse> {
    return interval(WATCH_INTERVAL_MS).pipe(
      startWith(0),
      switchMap(() => from(this.servingStatus())),
      distinctUntilChanged(),
      map((status) => ({ status })),
    );
  }

  private async servingStatus(): Promise<ServingStatus> {
    return (await this.health.isServing()) ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
  }
}
