import { SignInGate } from "../../components";
import { pageLocale } from "../../i18n";
import { mount, PageShell } from "../../shell";
import { InquiryList } from "./InquiryList";

mount(
  <PageShell locale={pageLocale()} title="inquiries.title">
    <SignInGate>{(session) => <InquiryList session={session} />}</SignInGate>
  </PageShell>,
);
