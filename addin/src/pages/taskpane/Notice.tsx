import { makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  notice: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorBrandStroke1}`,
  },
  error: {
    borderLeftColor: tokens.colorPaletteRedBorder2,
    backgroundColor: tokens.colorPaletteRedBackground1,
  },
});

/**
 * A message in the pane's first render. Fluent's MessageBar brings its motion library (about
 * 35 KB gzip) into the first load; the plan, loaded later, uses MessageBar itself.
 */
export function Notice({
  intent,
  title,
  children,
  action,
}: {
  intent: "info" | "error";
  title?: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  const styles = useStyles();
  return (
    <div
      role={intent === "error" ? "alert" : "status"}
      className={mergeClasses(styles.notice, intent === "error" && styles.error)}
    >
      {title && <Text weight="semibold">{title}</Text>}
      <Text>{children}</Text>
      {action}
    </div>
  );
}
