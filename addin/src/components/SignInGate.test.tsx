import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../i18n";
import { SignInGate } from "./SignInGate";

vi.mock("../auth", () => ({
  loadTaskPaneConfig: () => Promise.reject(new Error("Tjenesten svarer ikke")),
  signIn: vi.fn(),
}));

afterEach(cleanup);

describe("the sign-in gate", () => {
  it("says why signing in failed, in Fluent's error bar once that has loaded", async () => {
    render(
      <I18nProvider locale="da">
        <SignInGate>{() => <p>Indhold</p>}</SignInGate>
      </I18nProvider>,
    );
    await waitFor(() =>
      expect(screen.getByText(/Tjenesten svarer ikke/).closest(".fui-MessageBar")).not.toBeNull(),
    );
    expect(screen.queryByText("Indhold")).toBeNull();
  });
});
