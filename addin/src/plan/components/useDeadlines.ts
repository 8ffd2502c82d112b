import type { MeetingDeadlines } from "@modeklar/shared";
import { useEffect, useState } from "react";
import { usePlanContext } from "./context";

/**
 * The meeting's deadlines from the service, which keeps the Danish working-day calendar
 * (holidays, closed days): the pane does not ship it. Null until known or without the service.
 */
export function useDeadlines(materialDays: number): MeetingDeadlines | null {
  const { service, facts } = usePlanContext();
  const [deadlines, setDeadlines] = useState<MeetingDeadlines | null>(null);
  useEffect(() => {
    let current = true;
    service?.api.deadlines(service.meetingId, materialDays).then(
      (answer) => current && setDeadlines(answer),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [service, materialDays, facts.start]);
  return deadlines;
}
