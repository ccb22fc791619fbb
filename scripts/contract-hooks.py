"""Schemathesis hooks of the OpenAPI contract test (e2e/contract.test.ts).

Users: the test signs up users and passes their access tokens in FOCUSHUB_CONTRACT_TOKENS
(comma-separated). One user's rate-limit budget (RATE_LIMIT_MAX a minute) is far below the few
thousand requests of a run, and a run that mostly meets 429 checks nothing. So each operation's
generated cases go as a user of their own, picked by the operation (its cases, reads and writes
alike, stay one user's), and the stateful phase, whose calls link one answer to the next request,
goes as the first user.

ZIP bodies: the imports take a file as the body; `zip_body` sends the generated string as its bytes.

Idempotency keys: a key sent again with another request is refused (422) by design, which no
schema can say; generated keys repeat ("0"), so a valid request's key is made unique. An invalid
key (a negative case) is sent as generated.
"""

import os
import uuid
import zlib

import schemathesis

TOKENS = os.environ["FOCUSHUB_CONTRACT_TOKENS"].split(",")


@schemathesis.auth(refresh_interval=None)
class SignedUpUsers:
    def get(self, case, context):
        phase = case.meta.phase.name.value if case.meta else None
        if phase == "stateful" or len(TOKENS) == 1:
            return TOKENS[0]
        return TOKENS[1 + zlib.crc32(case.operation.label.encode()) % (len(TOKENS) - 1)]

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@schemathesis.hook
def before_call(context, case, **kwargs):
    if case.meta and case.meta.generation.mode.is_positive and "Idempotency-Key" in (case.headers or {}):
        case.headers["Idempotency-Key"] = str(uuid.uuid4())


@schemathesis.serializer("application/zip")
def zip_body(ctx, value):
    """The imports' ZIP bodies (POST /api/v1/imports/loop, …/todoist): a file of bytes that the document
    can only call a string, so the generated string's bytes are sent as they are (and refused 400 as no
    ZIP, which the configuration allows for these operations)."""
    data = value if isinstance(value, bytes) else str(value).encode("utf-8", "replace")
    return {"data": data}
