import { Button, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import type { PlanService } from "../api";
import { usePlanContext } from "./context";
import { useOrder } from "./useOrder";

type OrderedStep = "catering" | "reception" | "material";

/**
 * A step's order button and what came of it: the service's refusal in its own words, or the
 * line that says the order went out. Ordering marks the step "Bestilt" in the plan.
 */
export function StepOrder({
  step,
  label,
  doneText,
  ready,
  order,
}: {
  step: OrderedStep;
  label: string;
  doneText: string;
  /** The step holds all an order needs. */
  ready: boolean;
  order: (api: PlanService, meetingId: string, baseRevision: number) => Promise<{ revision: number }>;
}) {
  const { session, service } = usePlanContext();
  const { send, sending, problem, done } = useOrder();
  return (
    <>
      <Button
        appearance="primary"
        disabled={!service || sending || !ready}
        onClick={() =>
          service &&
          void send(
            () => order(service.api, service.meetingId, session.baseRevision()),
            (plan) => ({ ...plan, [step]: { ...plan[step], state: "ordered" } }),
          )
        }
      >
        {label}
      </Button>
      <div aria-live="polite">
        {problem && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{problem}</MessageBarBody>
          </MessageBar>
        )}
        {done && <Text>{doneText}</Text>}
      </div>
    </>
  );
}
