import { Controller } from '@nestjs/common';
import type { ConnectorStarted } from '@welkom/contracts/generated/welkom/platform/v1/connector_status';
import { TOPICS } from '@welkom/events';
import { OnEvent, type ReceivedEvent } from '@welkom/messaging';
import { ConnectorService } from './connector.service';

@Controller()
export class ConnectorEventConsumer {
  constructor(private readonly connectors: ConnectorService) {}

  @OnEvent(TOPICS.connectorStarted)
  async onConnectorStarted(event: ReceivedEvent<ConnectorStarted>): Promise<void> {
    await this.connectors.recordStarted(event.payload, event.envelope);
  }
}
