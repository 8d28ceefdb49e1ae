/** Background work the engine starts and stops (schedulers, workers, outboxes). */
export interface Service {
  name: string;
  start(): Promise<void> | void;
  /** Must stop promptly: in-flight work is abandoned or finished within a few seconds. */
  stop(): Promise<void> | void;
}
