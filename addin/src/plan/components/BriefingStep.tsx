import { Field, Textarea } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { useT } from "../../i18n";
import { describeFailure } from "../describe-failure";
import { Drafts } from "../draft";
import { usePlanContext } from "./context";

type NoteState = "saved" | "unsaved" | "saving" | "failed";

/**
 * The briefing note lives in the service. It saves as every other step does: by itself a
 * moment after typing stops, kept as a draft meanwhile, with its state shown under it.
 */
export function BriefingStep({
  meetingKey,
  drafts = new Drafts(),
  saveDelayMs = 800,
}: {
  meetingKey: string;
  drafts?: Drafts;
  saveDelayMs?: number;
}) {
  const t = useT();
  const { session, service } = usePlanContext();
  const draftKey = `${meetingKey}.briefing`;
  const [text, setText] = useState(() => drafts.load(draftKey)?.briefing ?? null);
  const version = useRef(0);
  const [state, setState] = useState<NoteState>(() => (drafts.load(draftKey) ? "unsaved" : "saved"));
  const [problem, setProblem] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef<string | null>(text);

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

  useEffect(() => () => clearTimeout(timer.current), []);

  async function save() {
    const typed = latest.current;
    if (!service || typed === null) return;
    setState("saving");
    setProblem(null);
    try {
      const saved = await service.api.saveBriefing(service.meetingId, typed, version.current);
      version.current = saved.version;
      if (latest.current !== typed) return; // typed on: the next save is already waiting
      drafts.clear(draftKey);
      setState("saved");
      const state = typed.trim() ? "confirmed" : "todo";
      if (session.plan.briefing.noteVersion !== saved.version || session.plan.briefing.state !== state) {
        session.edit((plan) => ({ ...plan, briefing: { state, noteVersion: saved.version } }));
      }
    } catch (error) {
      setState("failed");
      setProblem(describeFailure(error, t));
    }
  }

  function type(value: string) {
    setText(value);
    latest.current = value;
    setState("unsaved");
    drafts.save(draftKey, {
      plan: session.plan,
      briefing: value,
      baseRevision: version.current,
      savedAt: new Date().toISOString(),
    });
    clearTimeout(timer.current);
    if (service) timer.current = setTimeout(() => void save(), saveDelayMs);
  }

  const status =
    state === "failed" && problem
      ? t("plan.save.failed", { reason: problem })
      : t(`briefing.${state === "failed" ? "unsaved" : state}`);
  return (
    <Field
      label={t("briefing.label")}
      hint={t("briefing.hint")}
      validationState={state === "failed" ? "error" : "none"}
      validationMessage={<span aria-live="polite">{status}</span>}
    >
      <Textarea
        resize="vertical"
        rows={6}
        value={text ?? ""}
        disabled={!service}
        onChange={(_, data) => type(data.value)}
        onBlur={() => {
          if (state === "unsaved") {
            clearTimeout(timer.current);
            void save();
          }
        }}
      />
    </Field>
  );
}
