/** The engine's version, recorded in every result's audit record (kept equal to package.json by a test). */
export const ENGINE_VERSION = "0.1.0";
export const ENGINE = `bostad-forst@${ENGINE_VERSION}`;
