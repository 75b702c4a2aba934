/**
 * Builds the Teams app package (manifest.json and the two icons in lux-teams-app.zip)
 * from the manifest template.
 */
package lux.manifests;
