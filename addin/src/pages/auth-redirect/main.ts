import { broadcastResponseToMainFrame } from "@azure/msal-browser/redirect-bridge";

// MSAL 5 completes a popup sign-in only when the redirect page passes the answer back.
void broadcastResponseToMainFrame();
