/**
 * Entry file of the Pulumi plugin described by `PulumiPlugin.yaml`, for `pulumi package add`.
 *
 * Pulumi's TypeScript analyzer takes the package schema from the components exported here: it maps
 * package.json `exports`/`main` (`dist/index.js`) back to `dist/index.ts`, which does not exist, and
 * falls back to a root `index.ts`. At run time the plugin runner loads this folder as a Node module:
 * `dist/index.js` where `npm run build` (or `npm pack`) has made it, else this file through ts-node,
 * as in a clone that `pulumi package add` has installed with npm. Exporting all of `components/`
 * keeps the schema and the components served the same.
 */
export * from "./components";
