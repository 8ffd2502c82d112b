export { SignInGate } from "./SignInGate";
export { PriorityBadge } from "./PriorityBadge";
export { callService, serviceJson, ServiceProblem, type PageService } from "./service";
export { dateTimeOf, dayOf, noonOf, shortDateOf, timeOf } from "./format";
