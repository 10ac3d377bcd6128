import { EventPattern } from '@nestjs/microservices';
import type { TopicDefinition } from '@welkom/events';
import { KAFKA_EVENT_TRANSPORT } from './messaging.tokens';
import type { ReceivedEvent } from './received-event';

/**
 * `@EventPattern` bound to a declared topic: the handler's parameter must be `ReceivedEvent<Payload>` of
 * that topic, so subscribing a handler to the wrong payload type is a compile error.
 */
export function OnEvent<T>(topic: TopicDefinition<T>) {
  return EventPattern<Record<string, ReceivedEvent<T>>>(topic.name, KAFKA_EVENT_TRANSPORT);
}
