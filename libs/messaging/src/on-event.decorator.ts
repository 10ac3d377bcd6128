import { UseFilters } from '@nestjs/common';
import { EventPattern, type EventDataMethodDecorator } from '@nestjs/microservices';
import type { TopicDefinition } from '@welkom/events';
import { EventHandlerErrorFilter } from './consumer/event-handler-error.filter';
import { KAFKA_EVENT_TRANSPORT } from './messaging.tokens';
import type { ReceivedEvent } from './received-event';

/** Marks a handler that takes a list of events (see OnEventBatch); read back by KafkaEventServer. */
export const EVENT_BATCH_HANDLER = 'welkomEventBatch';

const passErrorsToTransport = UseFilters(new EventHandlerErrorFilter());

/** EventPattern plus the error pass-through, keeping EventPattern's typed handler signature. */
function eventHandler<TEvents extends Record<string, unknown>>(
  pattern: EventDataMethodDecorator<TEvents, string>,
): EventDataMethodDecorator<TEvents, string> {
  return (target, key, descriptor) => {
    pattern(target, key, descriptor);
    passErrorsToTransport(target, key, descriptor);
  };
}

/**
 * `@EventPattern` bound to a declared topic: the handler's parameter must be `ReceivedEvent<Payload>` of
 * that topic, so subscribing a handler to the wrong payload type is a compile error.
 *
 * The handler runs once per event; it may throw (a DomainError rejects the event to the dead-letter topic,
 * anything else is retried a bounded number of times first). Apply the effect and `Inbox.claim` in one
 * transaction.
 */
export function OnEvent<T>(topic: TopicDefinition<T>) {
  return eventHandler(EventPattern<Record<string, ReceivedEvent<T>>>(topic.name, KAFKA_EVENT_TRANSPORT));
}

/**
 * Like OnEvent, for high-volume topics: the handler gets up to a few hundred consecutive events of one
 * partition (`ReceivedEvent<Payload>[]`, in order) and applies them in one transaction with
 * `Inbox.claimAll`, so one commit covers them all. It must be all-or-nothing: if it throws, the transport
 * retries the batch and then hands the events over one at a time, so a single bad event is dead-lettered
 * alone and the rest are applied.
 */
export function OnEventBatch<T>(topic: TopicDefinition<T>) {
  return eventHandler(EventPattern<Record<string, ReceivedEvent<T>[]>>(topic.name, KAFKA_EVENT_TRANSPORT, { [EVENT_BATCH_HANDLER]: true }));
}
