"""Seed a Cognito user pool for the gateway on the local stand-in (moto).

Creates a user pool with optional software-token (TOTP) MFA, an app client
without a secret, and a confirmed user with a permanent password, then prints
shell assignments for the gateway's configuration on stdout:

    COGNITO_USER_POOL_ID=...
    COGNITO_CLIENT_ID=...

Nothing else goes to stdout, so callers can read those lines as they are.
Run with the project's venv: .venv/bin/python tests/local-cognito/bootstrap.py
"""

import argparse
import os
import shlex
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

REGION = "us-east-1"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--endpoint",
        default=os.environ.get("LOCAL_COGNITO_ENDPOINT"),
        help="moto server URL (default: $LOCAL_COGNITO_ENDPOINT)",
    )
    parser.add_argument("--pool-name", default="mfa-gateway-demo")
    parser.add_argument("--username", default="demo")
    parser.add_argument("--password", default="Demo-Passw0rd!")
    parser.add_argument("--email", default="demo@example.com")
    args = parser.parse_args()
    if not args.endpoint:
        parser.error("--endpoint is required when LOCAL_COGNITO_ENDPOINT is not set")
    return args


def main() -> int:
    args = parse_args()
    client = boto3.client(
        "cognito-idp",
        endpoint_url=args.endpoint,
        region_name=REGION,
        # Fixed dummy credentials: moto accepts anything, and real ones from the
        # environment must never be used (or leaked) by a local bootstrap.
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        # A stand-in that is down should fail fast rather than be retried for a minute.
        config=Config(connect_timeout=5, read_timeout=30, retries={"max_attempts": 2}),
    )

    # CreateUserPool has no setting for TOTP (only SMS), so the pool starts
    # with MFA off and SetUserPoolMfaConfig turns software tokens on, as one
    # would on real Cognito.
    pool_id = client.create_user_pool(
        PoolName=args.pool_name,
        MfaConfiguration="OFF",
        AutoVerifiedAttributes=["email"],
    )["UserPool"]["Id"]
    client.set_user_pool_mfa_config(
        UserPoolId=pool_id,
        SoftwareTokenMfaConfiguration={"Enabled": True},
        MfaConfiguration="OPTIONAL",
    )

    client_id = client.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName=f"{args.pool_name}-client",
        GenerateSecret=False,
        ExplicitAuthFlows=[
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
        ],
    )["UserPoolClient"]["ClientId"]

    client.admin_create_user(
        UserPoolId=pool_id,
        Username=args.username,
        UserAttributes=[
            {"Name": "email", "Value": args.email},
            {"Name": "email_verified", "Value": "true"},
        ],
        MessageAction="SUPPRESS",
    )
    # Without a permanent password the first sign-in would be a
    # NEW_PASSWORD_REQUIRED challenge instead of tokens.
    client.admin_set_user_password(
        UserPoolId=pool_id,
        Username=args.username,
        Password=args.password,
        Permanent=True,
    )

    print(f"COGNITO_USER_POOL_ID={shlex.quote(pool_id)}")
    print(f"COGNITO_CLIENT_ID={shlex.quote(client_id)}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (ClientError, BotoCoreError) as err:
        print(f"bootstrap.py: {err}", file=sys.stderr)
        sys.exit(1)
