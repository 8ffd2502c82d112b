import { pageLocale } from "../../i18n";
import { mount, PageShell } from "../../shell";

// The page's content comes with the service's API; the shell already has its language and theme.
mount(<PageShell locale={pageLocale()} title="page.daylist.title" />);
