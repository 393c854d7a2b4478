/**
 * Stack outputs as the program writes them, for the credentials and verify tests. Every credential
 * is obviously fake.
 */
import { StackOutputs } from "../../stacks/outputs";

/** The console sign-in URL of the fake account. */
export const SIGN_IN = "https://123456789012.signin.aws.amazon.com/console";

/**
 * Three users: `emily` (console, two keys, a password that needs CSV quoting), `terraform` (one
 * key, no console) and `reader` (console only).
 */
export function sampleOutputs(): StackOutputs {
    return {
        users: {
            emily: {
                userName: "dev-Emily",
                arn: "arn:aws:iam::123456789012:user/engineering/dev-Emily",
                groups: ["dev-Power_Users"],
                accessKeyIds: { cli: "AKIAIOSFODNN7EXAMPLE", ci: "AKIAI44QH8DHBEXAMPLE" },
                consoleSignInUrl: SIGN_IN,
            },
            terraform: {
                userName: "dev-terraform",
                arn: "arn:aws:iam::123456789012:user/dev-terraform",
                groups: [],
                accessKeyIds: { main: "AKIAJ7EXAMPLE7TFKEY1" },
            },
            reader: {
                userName: "dev-reader",
                arn: "arn:aws:iam::123456789012:user/dev-reader",
                groups: [],
                accessKeyIds: {},
                consoleSignInUrl: SIGN_IN,
            },
        },
        passwords: { emily: 'EXAMPLE,pass"word', reader: "EXAMPLE-reader-password" },
        accessKeySecrets: {
            emily: { cli: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ci: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY" },
            terraform: { main: "tfEXAMPLEsecretEXAMPLEsecretEXAMPLEKEY" },
        },
        consoleSignInUrl: SIGN_IN,
    };
}
