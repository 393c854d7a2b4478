/** User tags and access key descriptions (stacks/config/validate/tags.ts). */
import { line, TAG_CHARS, bob, tags, type Row, validationTable } from "./support/validate-table";

const TAG_ROWS: Row[] = [
    {
        name: "tags: at most 50, access key descriptions included",
        values: {
            users: {
                fine: {
                    tags: tags(48),
                    accessKeys: { a: { description: "Fake key A" }, b: { description: "Fake key B" } },
                },
                bob: {
                    tags: tags(49),
                    accessKeys: { a: { description: "Fake key A" }, b: { description: "Fake key B" } },
                },
                cy: { tags: tags(51) },
            },
        },
        problems: [
            line("users.bob.tags", "49 tags and 2 access key descriptions; IAM allows 50 tags per user"),
            line("users.cy.tags", "51 tags and 0 access key descriptions; IAM allows 50 tags per user"),
        ],
    },
    {
        name: "tag keys: 1-128 of the allowed characters, no aws: prefix, not an access key description's",
        values: bob({
            tags: {
                ["k".repeat(128)]: "fine",
                ["k".repeat(129)]: "v",
                "team!": "v",
                "": "v",
                "aws:owner": "v",
                "AWS:team": "v",
                "access-key/cli": "v",
            },
            accessKeys: { cli: { description: "Fake CLI key" } },
        }),
        problems: [
            line(`users.bob.tags.${"k".repeat(129)}`, `tag key must be 1-128 ${TAG_CHARS}`),
            line("users.bob.tags.team!", `tag key must be 1-128 ${TAG_CHARS}`),
            line("users.bob.tags.", `tag key must be 1-128 ${TAG_CHARS}`),
            line("users.bob.tags.aws:owner", 'tag keys starting with "aws:" are reserved for AWS'),
            line("users.bob.tags.AWS:team", 'tag keys starting with "aws:" are reserved for AWS'),
            line(
                "users.bob.tags.access-key/cli",
                'tag key "access-key/cli" holds an access key description; choose another key',
            ),
        ],
    },
    {
        name: "tag values and access key descriptions: 0-256 of the allowed characters",
        values: bob({
            tags: {
                empty: "",
                long: "v".repeat(256),
                longer: "v".repeat(257),
                owner: "a;b",
                "cost center": "Fake Team 7 @ HQ",
            },
            accessKeys: { cli: { description: "Emily's laptop" } },
        }),
        problems: [
            line("users.bob.tags.longer", `must be 0-256 ${TAG_CHARS} (it is stored as a tag)`),
            line("users.bob.tags.owner", `must be 0-256 ${TAG_CHARS} (it is stored as a tag)`),
            line("users.bob.accessKeys.cli.description", `must be 0-256 ${TAG_CHARS} (it is stored as a tag)`),
        ],
    },
];

describe("stack validation", () => {
    validationTable("tags", TAG_ROWS);
});
