import * as assert from "assert";
import {
    MAX_PARAMETER_ARN_LENGTH,
    parameterArn,
    parameterNameProblem,
    secretNameProblem,
    secretNameWarning,
} from "../rules/secret-store";

describe("secret store names", () => {
    const parameters: [string, number | undefined, string | undefined][] = [
        ["mailer", undefined, undefined],
        ["/prod/mailer/app", undefined, undefined],
        ["/Level-1/L2/L3/L4/L5/L6/L7/L8/L9/L10/L11/L12/L13/L14/parameter-name", undefined, undefined],
        ["/a/b/", undefined, 'must not have an empty level ("//", or "/" at the end)'],
        ["SSM-thing", undefined, 'must not start with "aws" or "ssm" (any case): those names are reserved'],
        ["/x", MAX_PARAMETER_ARN_LENGTH, undefined],
        ["/x", MAX_PARAMETER_ARN_LENGTH + 1, "its ARN is 1012 characters; Systems Manager allows 1011"],
        ["", undefined, "must be letters, digits and _.-, with / between the levels of a path"],
    ];
    for (const [name, arnLength, problem] of parameters) {
        it(`parameter "${name}"${arnLength ? ` with an ARN of ${arnLength}` : ""}: ${problem ?? "accepted"}`, () => {
            assert.strictEqual(parameterNameProblem(name, arnLength), problem);
        });
    }

    it("counts a parameter's ARN as Systems Manager does, one slash before the name", () => {
        assert.strictEqual(
            parameterArn("/a/b", "aws", "us-east-2"),
            "arn:aws:ssm:us-east-2:000000000000:parameter/a/b",
        );
        assert.strictEqual(
            parameterArn("b", "aws-cn", "cn-north-1"),
            "arn:aws-cn:ssm:cn-north-1:000000000000:parameter/b",
        );
    });

    const secrets: [string, string | undefined, string | undefined][] = [
        ["prod/mailer", undefined, undefined],
        ["s".repeat(512), undefined, undefined],
        ["s".repeat(513), "must be 1-512 of letters, digits and /_+=.@-", undefined],
        [
            "mailer-abcdef",
            undefined,
            "ends with a hyphen and six characters, which look like the suffix Secrets Manager adds to the ARN",
        ],
        ["mailer-abcde", undefined, undefined],
    ];
    for (const [name, problem, warning] of secrets) {
        it(`secret "${name.slice(0, 20)}" (${name.length}): ${problem ?? warning ?? "accepted"}`, () => {
            assert.deepStrictEqual([secretNameProblem(name), secretNameWarning(name)], [problem, warning]);
        });
    }
});
