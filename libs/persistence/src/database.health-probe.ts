import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HealthProbe } from '@welkom/observability';

@Injectable()
export class DatabaseHealthProbe implements HealthProbe {
  readonly name = 'database';

  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<Record<string, unknown>> {
    const [row] = await this.dataSource.query<{ database: string }[]>('SELECT current_database() AS database');
    return { database: row?.database };
  }
}
