/** Hand-made package schemas for the tests of the rules that read schemas. */
import { PackageSchema, SchemaResource } from "../scripts/package-schema";

/** A schema with one component, `resource` filling in what the test cares about. */
export function oneComponentSchema(
    token: string,
    resource: Partial<SchemaResource>,
    types: PackageSchema["types"] = {},
): PackageSchema {
    return {
        name: token.split(":")[0],
        version: "0.0.0",
        resources: {
            [token]: {
                isComponent: true,
                inputProperties: {},
                requiredInputs: [],
                properties: {},
                required: [],
                ...resource,
            },
        },
        types,
    };
}
