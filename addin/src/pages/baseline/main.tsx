// The benchmarks' floor: React, FluentProvider and one Fluent v9 Button, nothing of Mødeklar.
import { Button, FluentProvider, webLightTheme } from "@fluentui/react-components";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <FluentProvider theme={webLightTheme}>
      <Button appearance="primary">Mødeklar</Button>
    </FluentProvider>
  </StrictMode>,
);
