/** Outlook hosts that broker tokens for the add-in (nested app authentication) say so by this requirement set. */
export function supportsNestedAppAuth(): boolean {
  return (
    typeof Office !== "undefined" &&
    Office.context?.requirements?.isSetSupported("NestedAppAuth", "1.1") === true
  );
}
