"""Print the current TOTP code, as an authenticator app would show it.

Usage: totp_code.py SECRET_OR_OTPAUTH_URI

The argument is either a base32 secret (as Cognito's AssociateSoftwareToken
returns it) or an otpauth://totp/ URI holding one. Used by the demo walk-through.
"""

import hashlib
import sys
import time
from urllib.parse import parse_qs, urlsplit

import pyotp

# moto accepts a code only within its own 30 s step (no clock-skew window), and
# the code still has to travel through curl and the gateway. A code printed in
# the last moments of a step would be stale on arrival, so wait for the next one.
MIN_SECONDS_LEFT = 3

DIGESTS = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA512": hashlib.sha512}


class AnyLengthTOTP(pyotp.TOTP):
    # moto gives everyone the secret "asdfasdfasdf": 60 bits, which pyotp >= 2.10
    # refuses (it wants 112). This only reads codes, it never issues secrets.
    min_secret_length_bits = 0


def from_uri(uri: str) -> pyotp.TOTP:
    # pyotp.parse_uri would build a plain pyotp.TOTP and trip the length check.
    parts = urlsplit(uri)
    if parts.scheme != "otpauth" or parts.netloc != "totp":
        raise ValueError("not an otpauth://totp/ URI")
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    if "secret" not in query:
        raise ValueError("the URI has no secret")
    algorithm = query.get("algorithm", "SHA1").upper()
    if algorithm not in DIGESTS:
        raise ValueError(f"unsupported algorithm {algorithm}")
    return AnyLengthTOTP(
        query["secret"],
        digits=int(query.get("digits", 6)),
        digest=DIGESTS[algorithm],
        interval=int(query.get("period", 30)),
    )


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    arg = sys.argv[1].strip()
    try:
        otp = from_uri(arg) if arg.startswith("otpauth:") else AnyLengthTOTP(arg)
    except ValueError as err:  # includes a secret that is not base32
        print(f"totp_code.py: {err}", file=sys.stderr)
        return 2

    left = otp.interval - time.time() % otp.interval
    if left < MIN_SECONDS_LEFT:
        time.sleep(left + 0.05)
    print(otp.now())
    return 0


if __name__ == "__main__":
    sys.exit(main())
