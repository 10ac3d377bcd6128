export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
export const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');
/** Transport id of the hub's Kafka event server; `@OnEvent` handlers bind to it alone. */
export const KAFKA_EVENT_TRANSPORT = Symbol('WELKOM_KAFKA_EVENTS');
/** The `MessagingOptions` the module was configured with. */
export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
