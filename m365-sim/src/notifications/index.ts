export { Notifier, notifierFor, REAUTHORIZE_BEFORE_MS } from "./notifier";
export { GRAPH_DELIVERY, exponentialBackoff, retrySchedule, type DeliveryPolicy } from "./delivery";
export { validateEndpoint, isHttpsUrl, postNotification, VALIDATION_TIMEOUT_MS } from "./outbound";
export type {
  WatchedSubscription,
  LifecycleEvent,
  ChangeNotification,
  LifecycleNotification,
} from "./payload";
