import { MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, MAX_TAGS_PER_USER, TAG_CHARACTERS } from "../../../rules/limits";
import { accessKeyDescriptionTag } from "../../../rules/names";
import { configKey, type AccessKeyModel } from "../model";
import type { Context } from "./context";

const TAG_CHARS = "of letters, digits, spaces and _.:/=+-@";

function tagValue(ctx: Context, at: string, value: string): void {
    if (value.length > MAX_TAG_VALUE_LENGTH || !TAG_CHARACTERS.test(value)) {
        ctx.report(at, `must be 0-${MAX_TAG_VALUE_LENGTH} ${TAG_CHARS} (it is stored as a tag)`);
    }
}

/** A user's tags, and the access key descriptions the component stores as tags next to them. */
export function validateTags(
    ctx: Context,
    userKey: string,
    tags: ReadonlyMap<string, string>,
    accessKeys: readonly AccessKeyModel[],
): void {
    const described = accessKeys.filter((k) => k.description !== undefined);
    const descriptionTags = new Set(described.map((k) => accessKeyDescriptionTag(k.slot)));
    if (tags.size + described.length > MAX_TAGS_PER_USER) {
        ctx.report(
            configKey("users", userKey, "tags"),
            `${tags.size} tags and ${described.length} access key descriptions; IAM allows ${MAX_TAGS_PER_USER} tags per user`,
        );
    }
    for (const [tag, value] of tags) {
        const at = configKey("users", userKey, "tags", tag);
        if (tag.length < 1 || tag.length > MAX_TAG_KEY_LENGTH || !TAG_CHARACTERS.test(tag)) {
            ctx.report(at, `tag key must be 1-${MAX_TAG_KEY_LENGTH} ${TAG_CHARS}`);
        }
        if (tag.toLowerCase().startsWith("aws:")) {
            ctx.report(at, 'tag keys starting with "aws:" are reserved for AWS');
        }
        if (descriptionTags.has(tag)) {
            ctx.report(at, `tag key "${tag}" holds an access key description; choose another key`);
        }
        tagValue(ctx, at, value);
    }
    for (const k of described) {
        tagValue(ctx, configKey("users", userKey, "accessKeys", k.slot, "description"), k.description!);
    }
}
