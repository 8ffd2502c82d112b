import { Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { DIETARY_NEEDS, type CateringOrder } from "@modeklar/shared";
import { useT } from "../../i18n";
import { useSharedT } from "./context";

const useStyles = makeStyles({
  diets: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(7.5rem, 1fr))",
    gap: tokens.spacingHorizontalS,
    border: "none",
    margin: 0,
    padding: 0,
  },
  count: { minWidth: 0, width: "100%" },
});

type Dietary = CateringOrder["dietary"];

/** How many need each diet; a need nobody has is left out of the order. */
export function DietaryCounts({
  counts,
  onChange,
}: {
  counts: Dietary;
  onChange: (counts: Dietary) => void;
}) {
  const styles = useStyles();
  const t = useT();
  const shared = useSharedT();
  return (
    <fieldset className={styles.diets}>
      <legend>{t("catering.dietary")}</legend>
      {DIETARY_NEEDS.map((need) => (
        <div key={need}>
          <Field label={shared(`dietary.${need}`)}>
            <Input
              className={styles.count}
              type="number"
              min={0}
              value={String(counts[need] ?? 0)}
              onChange={(_, data) => {
                const count = Math.max(0, Number(data.value) || 0);
                const { [need]: _dropped, ...rest } = counts;
                onChange(count > 0 ? { ...rest, [need]: count } : rest);
              }}
            />
          </Field>
        </div>
      ))}
    </fieldset>
  );
}
