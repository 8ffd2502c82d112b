import { Button, Field, MessageBar, MessageBarBody, Text, Textarea } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { useT } from "../../i18n";
import { ServiceProblem } from "../api";
import { Drafts } from "../draft";
import { usePlanContext } from "./context";

/** The briefing note lives in the service; what is typed is kept as a draft until it is saved there. */
export function BriefingStep({ meetingKey, drafts = new Drafts() }: { meetingKey: string; drafts?: Drafts }) {
  const t = useT();
  const { session, service } = usePlanContext();
  const draftKey = `${meetingKey}.briefing`;
  const [text, setText] = useState(() => drafts.load(draftKey)?.briefing ?? null);
  const version = useRef(0);
  const [state, setState] = useState<"idle" | "saving" | "saved">("idle");
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    service?.api.briefing(service.meetingId).then(
      (note) => {
        if (!current) return;
        version.current = note.version;
        setText((typed) => typed ?? note.text);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [service]);

  function type(value: string) {
    setText(value);
    setState("idle");
    drafts.save(draftKey, {
      plan: session.plan,
      briefing: value,
      baseRevision: version.current,
      savedAt: new Date().toISOString(),
    });
  }

  async function save() {
    if (!service || text === null) return;
    setState("saving");
    setProblem(null);
    try {
      const saved = await service.api.saveBriefing(service.meetingId, text, version.current);
      version.current = saved.version;
      drafts.clear(draftKey);
      setState("saved");
      if (session.plan.briefing.noteVersion !== saved.version) {
        session.edit((plan) => ({
          ...plan,
          briefing: { state: plan.briefing.state, noteVersion: saved.version },
        }));
      }
    } catch (error) {
      setState("idle");
      setProblem(
        error instanceof ServiceProblem && error.status !== 0 ? error.detail : t("plan.networkFailed"),
      );
    }
  }

  return (
    <>
      <Field label={t("briefing.label")} hint={t("briefing.hint")}>
        <Textarea resize="vertical" rows={6} value={text ?? ""} onChange={(_, data) => type(data.value)} />
      </Field>
      <Button disabled={!service || state === "saving" || text === null} onClick={() => void save()}>
        {t("briefing.save")}
      </Button>
      <div aria-live="polite">
        {problem && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{problem}</MessageBarBody>
          </MessageBar>
        )}
        {state === "saved" && <Text>{t("briefing.saved")}</Text>}
      </div>
    </>
  );
}
