// The authenticator-app journey, driven by a client generated from openapi/openapi.json
// (openapi-typescript types, openapi-fetch calls), the way a front-end team would use the
// gateway. `tsc --noEmit` checks it against the generated types, so a spec change that
// breaks clients breaks this test; running it against a live gateway proves the spec
// describes what the gateway really does.
//
// Usage: GW=http://127.0.0.1:8080 USERNAME=demo PASSWORD=... npx tsx journey.ts

import createClient from "openapi-fetch";
import * as OTPAuth from "otpauth";

import type { components, paths } from "./generated/schema.d.ts";

type SignInResponse = components["schemas"]["SignInResponse"];

const gateway = required("GW");
const username = required("USERNAME");
const password = required("PASSWORD");
const client = createClient<paths>({ baseUrl: gateway });

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`journey failed: ${what}`);
}

/** The tokens of an `authenticated` answer; anything else fails the journey. */
function tokensOf(answer: SignInResponse | undefined, step: string) {
  check(answer?.status === "authenticated", `${step} should authenticate`);
  return answer.tokens;
}

/** The current code, waiting for the next period when this one is about to end. */
async function currentCode(totp: OTPAuth.TOTP): Promise<string> {
  const left = totp.period - (Math.floor(Date.now() / 1000) % totp.period);
  if (left < 3) await new Promise((resolve) => setTimeout(resolve, left * 1000));
  return totp.generate();
}

// 1. Sign in without a second factor.
const first = await client.POST("/login", { body: { username, password } });
const access = tokensOf(first.data, "first sign-in").access_token;
const bearer = { Authorization: `Bearer ${access}` };

// 2. Enrol an authenticator app; read the otpauth URI as an app would.
const enrolment = await client.POST("/totp/associate", { headers: bearer });
check(enrolment.data !== undefined, `associate answered ${enrolment.response.status}`);
check(enrolment.data.qr_png.startsWith("data:image/png;base64,"), "a PNG QR code");
const totp = OTPAuth.URI.parse(enrolment.data.otpauth_uri);
check(totp instanceof OTPAuth.TOTP, "a TOTP URI");
check(totp.digits === 6 && totp.period === 30 && totp.algorithm === "SHA1", "Cognito's parameters");

// 3. Verify the app with its current code.
const verified = await client.POST("/totp/verify", {
  headers: bearer,
  body: { code: await currentCode(totp), device_name: "ts-client" },
});
check(verified.data !== undefined && "status" in verified.data, "verify answered");
check(verified.data.status === "verified", "the app is verified");

// 4. Make it the preferred factor.
const preference = await client.PUT("/mfa/preference", {
  headers: bearer,
  body: { totp: { enabled: true, preferred: true } },
});
check(preference.data?.preferred === "SOFTWARE_TOKEN_MFA", "TOTP is preferred");

// 5. Sign in again: a challenge now.
const second = await client.POST("/login", { body: { username, password } });
check(second.data?.status === "challenge", "the second sign-in is challenged");
check(second.data.challenge === "SOFTWARE_TOKEN_MFA", "for a TOTP code");

// 6. Answer it.
const answered = await client.POST("/mfa/respond", {
  body: {
    username: second.data.username,
    session: second.data.session,
    challenge: "SOFTWARE_TOKEN_MFA",
    code: await currentCode(totp),
  },
});
const tokens = tokensOf(answered.data, "the challenge answer");

// 7. The new access token works, and a wrong request gets a typed problem.
const state = await client.GET("/mfa/preference", {
  headers: { Authorization: `Bearer ${tokens.access_token}` },
});
check(state.data?.enabled.includes("SOFTWARE_TOKEN_MFA") === true, "TOTP is enabled");
const refused = await client.POST("/login", { body: { username, password: "wrong-Passw0rd!" } });
check(refused.error?.code === "invalid_credentials", "a problem with a stable code");

console.log("ts-client journey: ok");
