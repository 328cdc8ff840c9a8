"""Server side of Cognito's USER_SRP_AUTH, for checking a client's PASSWORD_VERIFIER answer.

Usage:
  srp_check.py server-b  --pool-id POOL --user-id USER_ID_FOR_SRP --password PW --salt SALTHEX --b BHEX
  srp_check.py signature --pool-id POOL --user-id USER_ID_FOR_SRP --password PW --salt SALTHEX --b BHEX
                         --srp-a AHEX --secret-block B64 --timestamp "Thu Dec 3 13:05:09 UTC 2026"
  srp_check.py self-test

moto does not check SRP at all, and the gateway's SRP client (the aws-cognito-srp
crate) picks its private `a` and its timestamp itself. So a Rust test plays Cognito:
it picks a fixed server secret `b` and salt, sends this script's `server-b` as SRP_B,
and compares the client's PASSWORD_CLAIM_SIGNATURE with `signature`, computed here
from the client's SRP_A and TIMESTAMP. The arithmetic comes from pycognito's
aws_srp module, an independent implementation of Cognito's SRP; this file only
supplies the server-side half, which pycognito (a client) does not have.

`self-test` proves that glue right: pycognito's own client, with a fixed `a` and a
fixed clock, answers a challenge built here, and its signature must equal ours.

Each command prints one line on stdout; errors go to stderr with exit status 2.
"""

import argparse
import base64
import binascii
import datetime
import hashlib
import hmac
import string
import sys
import types
from unittest import mock

try:
    from pycognito import aws_srp
    from pycognito.aws_srp import (
        G_HEX,
        N_HEX,
        calculate_u,
        compute_hkdf,
        hash_sha256,
        hex_hash,
        hex_to_long,
        long_to_hex,
        pad_hex,
    )
except ImportError as err:  # pragma: no cover - depends on the venv
    print(f"srp_check: pycognito is not installed ({err}); "
          "pip install -r tests/local-cognito/requirements.txt", file=sys.stderr)
    sys.exit(2)

BIG_N = hex_to_long(N_HEX)
G = hex_to_long(G_HEX)
# k = H(pad(N) | pad(g)) with pycognito's minimal padding: 00 N 02 (AWSSRP.val_k).
K = hex_to_long(hex_hash(pad_hex(N_HEX) + pad_hex(G_HEX)))


class UsageError(Exception):
    pass


def pool_name(pool_id: str) -> str:
    # The client hashes `pool_id.split('_')[1]`: the part after the region.
    parts = pool_id.split("_")
    if len(parts) < 2 or not parts[1]:
        raise UsageError(f"pool id {pool_id!r} is not of the form <region>_<name>")
    return parts[1]


def check_hex(name: str, value: str) -> str:
    if not value or any(c not in string.hexdigits for c in value):
        raise UsageError(f"{name} must be a non-empty hex string")
    return value


def compute_x(pool_id: str, user_id: str, password: str, salt_hex: str) -> int:
    # As AWSSRP.get_password_authentication_key: the salt goes in as the hex string
    # Cognito sent (leading zeros kept), through pad_hex (odd length -> "0" prefix,
    # high first nibble -> "00" prefix).
    identity = hash_sha256(f"{pool_name(pool_id)}{user_id}:{password}".encode("utf-8"))
    return hex_to_long(hex_hash(pad_hex(salt_hex) + identity))


def compute_b_pub(v: int, b: int) -> int:
    return (K * v + pow(G, b, BIG_N)) % BIG_N


def server_b(pool_id, user_id, password, salt_hex, b_hex) -> str:
    b = hex_to_long(check_hex("--b", b_hex))
    if b % BIG_N == 0:
        raise UsageError("--b must not be 0 mod N")
    v = pow(G, compute_x(pool_id, user_id, password, check_hex("--salt", salt_hex)), BIG_N)
    return long_to_hex(compute_b_pub(v, b))


def signature(pool_id, user_id, password, salt_hex, b_hex, a_hex, secret_block_b64, timestamp) -> str:
    b = hex_to_long(check_hex("--b", b_hex))
    if b % BIG_N == 0:
        raise UsageError("--b must not be 0 mod N")
    big_a = hex_to_long(check_hex("--srp-a", a_hex))
    if big_a % BIG_N == 0:
        raise UsageError("SRP_A is 0 mod N; Cognito would refuse it")
    try:
        secret_block = base64.b64decode(secret_block_b64, validate=True)
    except binascii.Error as err:
        raise UsageError(f"--secret-block is not base64: {err}") from None

    v = pow(G, compute_x(pool_id, user_id, password, check_hex("--salt", salt_hex)), BIG_N)
    big_b = compute_b_pub(v, b)
    u = calculate_u(big_a, big_b)
    if u == 0:
        raise UsageError("u = H(A, B) is 0")
    # Server's S = (A * v^u)^b; the client reaches the same value as (B - k v)^(a + u x).
    s = pow(big_a * pow(v, u, BIG_N), b, BIG_N)
    key = compute_hkdf(
        bytearray.fromhex(pad_hex(s)),
        bytearray.fromhex(pad_hex(long_to_hex(u))),
    )
    msg = (
        pool_name(pool_id).encode("utf-8")
        + user_id.encode("utf-8")
        + secret_block
        + timestamp.encode("utf-8")
    )
    return base64.standard_b64encode(hmac.new(key, msg, hashlib.sha256).digest()).decode("ascii")


# --- self-test ---------------------------------------------------------------

POOL_ID = "us-east-1_SrpCheck"
USER_ID = "8f1c2a54-0d3e-4b6a-9c71-5e2f0a9b3d10"
PASSWORD = "Correct-Horse-9!"
# Cognito's SECRET_BLOCK is opaque base64; any bytes do.
SECRET_BLOCK = base64.standard_b64encode(bytes(range(48)) * 3).decode("ascii")
# A single-digit day, to pin Cognito's "no leading zero on the day" format.
FIXED_NOW = datetime.datetime(2026, 12, 3, 13, 5, 9)
FIXED_TIMESTAMP = "Thu Dec 3 13:05:09 UTC 2026"
SMALL_A = int.from_bytes(hashlib.sha512(b"srp_check fixed a").digest() * 2, "big") % BIG_N
B_SECRET = "7d1e0c5a9b3f2e4d6c8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4"
SALTS = [
    "3a1f5c7e9b2d4f6081a3c5e7092b4d6f",  # plain 16 bytes
    "c4e9a07d51f23b86e0d94a1c7f52b83e",  # high first nibble: pad_hex adds "00"
    "001f2e3d4c5b6a798897a6b5c4d3e2f1",  # leading zero byte: kept as sent, not stripped
    "a1b2c3d4e5f60718293a4b5c6d7e8f9",   # odd length: pad_hex adds "0"
]


class _FixedDatetime(datetime.datetime):
    @classmethod
    def utcnow(cls):
        return cls(*FIXED_NOW.timetuple()[:6])

    @classmethod
    def now(cls, tz=None):
        return cls(*FIXED_NOW.timetuple()[:6], tzinfo=tz)


def _client_answer(salt_hex: str, srp_b_hex: str, password: str = PASSWORD) -> tuple[int, dict]:
    """pycognito's client, with a fixed `a` and clock and no network, answering our challenge."""
    client = aws_srp.AWSSRP(
        username="alice@example.com",
        password=password,
        pool_id=POOL_ID,
        client_id="dummy-client-id",
        client=object(),  # never called: process_challenge is pure
    )
    if client.val_k != K:
        raise AssertionError("k differs from pycognito's AWSSRP.val_k")
    client.small_a_value = SMALL_A
    client.large_a_value = client.calculate_a()
    auth_params = client.get_auth_params()
    challenge = {
        "USERNAME": USER_ID,
        "USER_ID_FOR_SRP": USER_ID,
        "SALT": salt_hex,
        "SRP_B": srp_b_hex,
        "SECRET_BLOCK": SECRET_BLOCK,
    }
    fake_datetime_module = types.SimpleNamespace(datetime=_FixedDatetime)
    with mock.patch.object(aws_srp, "datetime", fake_datetime_module):
        response = client.process_challenge(challenge, auth_params)
    return auth_params["SRP_A"], response


def self_test() -> str:
    # Find a second b whose B has an odd hex length (Cognito's SRP_B need not be even).
    b_values = [B_SECRET]
    v0 = pow(G, compute_x(POOL_ID, USER_ID, PASSWORD, SALTS[0]), BIG_N)
    for i in range(1, 10_000):
        candidate = hashlib.sha256(f"srp_check odd B {i}".encode()).hexdigest()
        if len(long_to_hex(compute_b_pub(v0, hex_to_long(candidate)))) % 2 == 1:
            b_values.append(candidate)
            break
    else:
        raise AssertionError("no b with an odd-length B found")

    cases = 0
    for salt_hex in SALTS:
        for b_hex in b_values:
            srp_b = server_b(POOL_ID, USER_ID, PASSWORD, salt_hex, b_hex)
            srp_a, response = _client_answer(salt_hex, srp_b)
            if response["TIMESTAMP"] != FIXED_TIMESTAMP:
                raise AssertionError(f"timestamp {response['TIMESTAMP']!r} != {FIXED_TIMESTAMP!r}")
            expected = signature(POOL_ID, USER_ID, PASSWORD, salt_hex, b_hex,
                                 srp_a, SECRET_BLOCK, response["TIMESTAMP"])
            if response["PASSWORD_CLAIM_SIGNATURE"] != expected:
                raise AssertionError(f"signature mismatch (salt {salt_hex}, b {b_hex[:8]}...)")
            cases += 1

    # The check must be able to fail: a wrong password gives a different signature.
    srp_b = server_b(POOL_ID, USER_ID, PASSWORD, SALTS[0], B_SECRET)
    srp_a, response = _client_answer(SALTS[0], srp_b, password=PASSWORD + "x")
    expected = signature(POOL_ID, USER_ID, PASSWORD, SALTS[0], B_SECRET,
                         srp_a, SECRET_BLOCK, response["TIMESTAMP"])
    if response["PASSWORD_CLAIM_SIGNATURE"] == expected:
        raise AssertionError("a wrong password produced the expected signature")
    # ...and so does a different timestamp.
    if signature(POOL_ID, USER_ID, PASSWORD, SALTS[0], B_SECRET, srp_a, SECRET_BLOCK,
                 "Thu Dec 03 13:05:09 UTC 2026") == expected:
        raise AssertionError("the timestamp does not enter the signature")
    assert cases == len(SALTS) * len(b_values)
    return "ok"


# --- CLI -----------------------------------------------------------------------

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description="Cognito SRP server side (B and expected PASSWORD_CLAIM_SIGNATURE), via pycognito.")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p):
        p.add_argument("--pool-id", required=True, help="e.g. us-east-1_Abc")
        p.add_argument("--user-id", required=True, help="USER_ID_FOR_SRP")
        p.add_argument("--password", required=True)
        p.add_argument("--salt", required=True, help="SALT, hex, exactly as sent to the client")
        p.add_argument("--b", required=True, help="server secret b, hex")

    common(sub.add_parser("server-b", help="print SRP_B (lowercase hex, no padding)"))
    p_sig = sub.add_parser("signature", help="print the expected PASSWORD_CLAIM_SIGNATURE")
    common(p_sig)
    p_sig.add_argument("--srp-a", required=True, help="the client's SRP_A, hex")
    p_sig.add_argument("--secret-block", required=True, help="SECRET_BLOCK, base64")
    p_sig.add_argument("--timestamp", required=True, help="the client's TIMESTAMP, verbatim")
    sub.add_parser("self-test", help="check this server side against pycognito's client")

    args = parser.parse_args(argv)
    try:
        if args.command == "server-b":
            out = server_b(args.pool_id, args.user_id, args.password, args.salt, args.b)
        elif args.command == "signature":
            out = signature(args.pool_id, args.user_id, args.password, args.salt, args.b,
                            args.srp_a, args.secret_block, args.timestamp)
        else:
            out = self_test()
    except UsageError as err:
        print(f"srp_check: {err}", file=sys.stderr)
        return 2
    except AssertionError as err:
        print(f"srp_check: self-test FAILED: {err}", file=sys.stderr)
        return 2
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
