import { Text, tokens } from "@fluentui/react-components";
import type { CSSProperties, ReactNode } from "react";

// Inline, not makeStyles, as the page's frame (shell/PageShell.tsx): with no makeStyles in the
// first render the first load leaves out Griffel's style compiler (about 8 KB gzip).
const NOTICE: CSSProperties = {
  display: "flex",
  flexDirection: "column",
  alignItems: "flex-start",
  gap: tokens.spacingVerticalS,
  padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  borderRadius: tokens.borderRadiusMedium,
};
const INTENT: Record<"info" | "error", CSSProperties> = {
  info: {
    ...NOTICE,
    backgroundColor: tokens.colorNeutralBackground3,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorBrandStroke1}`,
  },
  error: {
    ...NOTICE,
    backgroundColor: tokens.colorPaletteRedBackground1,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorPaletteRedBorder2}`,
  },
};

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
  return (
    <div role={intent === "error" ? "alert" : "status"} style={INTENT[intent]}>
      {title && <Text weight="semibold">{title}</Text>}
      <Text>{children}</Text>
      {action}
    </div>
  );
}
