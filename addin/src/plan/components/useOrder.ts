import type { MeetingPlan } from "@modeklar/shared";
import { useState } from "react";
import { useT } from "../../i18n";
import { describeFailure } from "../describe-failure";
import { usePlanContext } from "./context";

/**
 * Sends an order through the service and marks the step in the plan; a refusal (e.g. after
 * the kitchen's cut-off) is shown in the service's own words.
 */
export function useOrder() {
  const t = useT();
  const { session } = usePlanContext();
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function send(order: () => Promise<{ revision: number }>, mark: (plan: MeetingPlan) => MeetingPlan) {
    setSending(true);
    setProblem(null);
    setDone(false);
    try {
      await session.flush();
      const { revision } = await order();
      session.ordered(mark, revision);
      setDone(true);
    } catch (error) {
      setProblem(t("plan.orderFailed", { reason: describeFailure(error, t) }));
    } finally {
      setSending(false);
    }
  }
  return { send, sending, problem, done };
}
