import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import { useT } from "../../i18n";
import type { RoomReplacement } from "./useRoomBooking";

/** Asks before a meeting that holds a room is given another: replace it, or keep it. */
export function ReplaceRoomBar({
  replacing,
  onReplace,
  onKeep,
}: {
  replacing: RoomReplacement;
  onReplace: () => void;
  onKeep: () => void;
}) {
  const t = useT();
  const old = replacing.old.map((r) => r.name).join(", ");
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        {t("room.replaceWarning", { room: old, chosen: replacing.chosen.name })}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" appearance="primary" onClick={onReplace}>
          {t("room.replace", { chosen: replacing.chosen.name })}
        </Button>
        <Button size="small" onClick={onKeep}>
          {t("room.keep", { room: old })}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
