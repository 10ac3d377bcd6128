import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HealthProbe } from '@welkom/observability';

@Injectable()
export class DatabaseHealthProbe implements HealthProbe {
  readonly name = 'database';

  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<Record<string, unknown>> {
    const [row] = (await this.dataSource.query('SELECT current_database() AS database')) as { database: string }[];
    return { database: row?.database };
  }
}
