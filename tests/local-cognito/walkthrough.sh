#!/usr/bin/env bash
# The demo walk-through: the whole TOTP life cycle of the demo user, driven
# through the gateway with curl and jq, printing each step's JSON reply.
# scripts/demo prints the steps below the marker for people to paste, and
# scripts/test runs this file and expects the last reply to say "authenticated",
# so the documented commands are the tested ones.
#
# Run from the repository root against a gateway on a pool seeded by
# tests/local-cognito/bootstrap.py:  GW=http://127.0.0.1:8080 bash tests/local-cognito/walkthrough.sh
set -euo pipefail
GW=${GW:-http://127.0.0.1:8080}

# ---- walk-through (scripts/demo prints from here on) ----
# Replies are kept in $R and pretty-printed. Run as a script, `jq -e` stops at a step
# whose reply lacks what the next step needs (the error reply is printed just above);
# pasted into a shell, check each reply before going on.

# 1. sign in (no 2FA yet): tokens
R=$(curl -sS "$GW/login" -H 'content-type: application/json' -d '{"username":"demo","password":"Demo-Passw0rd!"}'); jq . <<<"$R"
ACCESS=$(jq -er .tokens.access_token <<<"$R")

# 2. start authenticator set-up: secret, otpauth URI and a QR PNG data URL
R=$(curl -sS -X POST "$GW/totp/associate" -H "authorization: Bearer $ACCESS"); jq . <<<"$R"
SECRET=$(jq -er .secret <<<"$R")

# 3. prove the app works with its current code
curl -sS --fail-with-body "$GW/totp/verify" -H "authorization: Bearer $ACCESS" -H 'content-type: application/json' -d "{\"code\":\"$(.venv/bin/python tests/local-cognito/totp_code.py "$SECRET")\"}" | jq .

# 4. make TOTP the preferred second factor
curl -sS --fail-with-body -X PUT "$GW/mfa/preference" -H "authorization: Bearer $ACCESS" -H 'content-type: application/json' -d '{"totp":{"enabled":true,"preferred":true}}' | jq .

# 5. sign in again: now a SOFTWARE_TOKEN_MFA challenge
R=$(curl -sS "$GW/login" -H 'content-type: application/json' -d '{"username":"demo","password":"Demo-Passw0rd!"}'); jq . <<<"$R"
SESSION=$(jq -er .session <<<"$R")

# 6. answer it with a fresh code: tokens
curl -sS --fail-with-body "$GW/mfa/respond" -H 'content-type: application/json' -d "{\"username\":\"demo\",\"session\":\"$SESSION\",\"challenge\":\"SOFTWARE_TOKEN_MFA\",\"code\":\"$(.venv/bin/python tests/local-cognito/totp_code.py "$SECRET")\"}" | jq .
