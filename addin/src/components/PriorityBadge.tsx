import { Badge } from "@fluentui/react-components";
import type { PriorityClass } from "@modeklar/shared";
import { useT } from "../i18n";

const COLOUR = { 1: "danger", 2: "warning", 3: "informative" } as const;

/** The priority class as a coloured badge (Fluent's status colours); the reason is shown beside it as text. */
export function PriorityBadge({ priorityClass }: { priorityClass: PriorityClass }) {
  const t = useT();
  return (
    <Badge appearance="filled" color={COLOUR[priorityClass]} shape="rounded">
      {t(`priority.${priorityClass}`)}
    </Badge>
  );
}
