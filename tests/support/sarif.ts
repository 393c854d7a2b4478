/** The SARIF 2.1.0 JSON schema, vendored in tests/fixtures, as an assertion (ajv, offline). */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";

/**
 * The vendored schema is draft-04 (`id`); ajv 8 reads it once `id` is spelt `$id`. Its language
 * tag pattern is not a valid Unicode regular expression, hence `unicodeRegExp: false`.
 */
export function sarifValidator(): (log: unknown) => void {
    const { $schema, id, ...schema } = JSON.parse(
        fs.readFileSync(path.join(__dirname, "..", "fixtures", "sarif-2.1.0-rtm.5.schema.json"), "utf8"),
    );
    assert.match($schema, /draft-04/);
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    ajv.addFormat("uri", /^[a-z][a-z0-9+.-]*:\S*$/i);
    ajv.addFormat("uri-reference", /^\S*$/);
    ajv.addFormat("date-time", true);
    const validate = ajv.compile({ ...schema, $id: id });
    return (log) => assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
}
