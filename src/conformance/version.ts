/** The version of the jitsuin specification this library implements (`spec/README.md`, "Versioning"). */
export const SPEC_VERSION = '0.1';
