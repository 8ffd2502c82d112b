// The meeting plan in the task pane: one section per step, saved on the meeting and in the service.
export { PlanView, type PlanViewProps, type ServiceAccess } from "./components/PlanView";
export { planService, ServiceProblem, type PlanService } from "./api";
export { Drafts, type Draft } from "./draft";
export { persistPlan, planOnMeeting, PlanConflict } from "./persist";
export { usePlan, type PlanSession, type SaveState } from "./usePlan";
