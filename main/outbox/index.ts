export { DEFAULT_RETRY, type RetryPolicy, retryDelayMs } from './backoff.ts';
export { createOutbox, type DeliveryHandler, type Outbox, type OutboxEntry, type OutboxRow, PermanentDeliveryError, type TopicStatus } from './outbox.ts';
