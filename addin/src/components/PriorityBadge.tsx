import { makeStyles, mergeClasses, tokens, typographyStyles } from "@fluentui/react-components";
import type { PriorityClass } from "@modeklar/shared";
import { useT } from "../i18n";

// A plain span in the colours of Fluent's filled Badge: the week board shows hundreds of them.
const useStyles = makeStyles({
  badge: {
    ...typographyStyles.caption1Strong,
    display: "inline-flex",
    alignItems: "center",
    paddingInline: tokens.spacingHorizontalXS,
    borderRadius: tokens.borderRadiusMedium,
    whiteSpace: "nowrap",
    "@media (forced-colors: active)": { outline: `${tokens.strokeWidthThin} solid CanvasText` },
  },
  1: { backgroundColor: tokens.colorPaletteRedBackground3, color: tokens.colorNeutralForegroundOnBrand },
  2: { backgroundColor: tokens.colorPaletteYellowBackground3, color: tokens.colorNeutralForeground1Static },
  3: { backgroundColor: tokens.colorNeutralBackground5, color: tokens.colorNeutralForeground3 },
});

/** The priority class as a coloured label (Fluent's status colours); the reason is shown beside it as text. */
export function PriorityBadge({ priorityClass }: { priorityClass: PriorityClass }) {
  const t = useT();
  const styles = useStyles();
  return (
    <span className={mergeClasses(styles.badge, styles[priorityClass])}>
      {t(`priority.${priorityClass}`)}
    </span>
  );
}
