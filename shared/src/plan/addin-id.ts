/**
 * The add-in's fixed id (the manifest's <Id>). Outlook keeps the add-in's custom properties
 * in the extended property named `cecp-<id>`, so the sync service finds the plan by this id:
 * changing it orphans every plan already saved on meetings.
 */
export const ADDIN_ID = "33bcca4f-8047-4cd1-ace4-90b74060745f";

/** The MAPI property set Exchange files add-in custom properties under. */
const CUSTOM_PROPERTIES_PROPERTY_SET = "{00020329-0000-0000-C000-000000000046}";

/** The extended property id Graph files an add-in's custom properties under. */
export function customPropertiesId(addinId: string): string {
  return `String ${CUSTOM_PROPERTIES_PROPERTY_SET} Name cecp-${addinId}`;
}
