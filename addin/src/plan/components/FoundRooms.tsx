import { Button, Text } from "@fluentui/react-components";
import type { AvailableRoom } from "@modeklar/shared";
import { useT } from "../../i18n";
import { useListStyles } from "./list-styles";

/** The rooms free for the whole meeting, each with its seats and a button that books it. */
export function FoundRooms({
  found,
  onBook,
}: {
  found: AvailableRoom[];
  onBook: (room: AvailableRoom) => void;
}) {
  const list = useListStyles();
  const t = useT();
  return (
    <div aria-live="polite">
      <Text weight="semibold">{t("room.results")}</Text>
      {found.length === 0 ? (
        <Text as="p">{t("room.none")}</Text>
      ) : (
        <ul className={list.list}>
          {found.map((option) => (
            <li key={option.email} className={list.line}>
              <Text>
                {option.name} · {t("room.capacity", { seats: option.capacity ?? "?" })}
              </Text>
              <Button
                size="small"
                aria-label={t("room.bookRoom", { room: option.name })}
                onClick={() => onBook(option)}
              >
                {t("room.book")}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
