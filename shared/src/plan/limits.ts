/**
 * Outlook keeps all of an add-in's custom properties as ONE extended property,
 * `String {00020329-0000-0000-C000-000000000046} Name cecp-<add-in id>`, whose JSON may be
 * at most 2,500 characters. The plan is stored there under PLAN_PROPERTY as a compact
 * string: short keys, defaults left out. A module of its own, so that a page needing only
 * the limit does not bundle the plan's schemas.
 */
export const CUSTOM_PROPERTIES_LIMIT = 2500;
export const PLAN_PROPERTY = "mk";
