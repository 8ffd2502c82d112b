import { MessageBar, MessageBarBody } from "@fluentui/react-components";

/** Why something could not be done, as Fluent's error bar. */
export function ProblemBar({ text }: { text: string }) {
  return (
    <MessageBar intent="error">
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}
