import { SignInGate } from "../../components";
import { pageLocale } from "../../i18n";
import { mount, PageShell } from "../../shell";
import { CateringList } from "./CateringList";
import { ReceptionList } from "./ReceptionList";

// One page, two lists: ?role=catering is the kitchen's, anything else the reception's.
const catering = new URLSearchParams(window.location.search).get("role") === "catering";

mount(
  <PageShell locale={pageLocale()} title={catering ? "cateringList.title" : "receptionList.title"}>
    <SignInGate>
      {(session) => (catering ? <CateringList session={session} /> : <ReceptionList session={session} />)}
    </SignInGate>
  </PageShell>,
);
