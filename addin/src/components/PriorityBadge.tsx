import { Badge, Tooltip } from "@fluentui/react-components";
import type { PriorityClass } from "@modeklar/shared";
import { useT } from "../i18n";

const COLOUR = { 1: "danger", 2: "warning", 3: "informative" } as const;

/** The priority class as a coloured badge (Fluent's status colours), the reason on hover and for screen readers. */
export function PriorityBadge({ priorityClass, reason }: { priorityClass: PriorityClass; reason?: string }) {
  const t = useT();
  const label = t(`priority.${priorityClass}`);
  const badge = (
    <Badge appearance="filled" color={COLOUR[priorityClass]} shape="rounded">
      {label}
    </Badge>
  );
  return reason ? (
    <Tooltip content={t("priority.reason", { reason })} relationship="description">
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}
