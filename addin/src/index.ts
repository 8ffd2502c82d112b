// What other workspaces may import from the add-in: the id that names its custom properties.
export { ADDIN_ID, CUSTOM_PROPERTIES_EXTENDED_PROPERTY_ID, CUSTOM_PROPERTIES_PROPERTY_SET } from "./addin-id";
