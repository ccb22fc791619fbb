"""FocusHub's own schemathesis check: every 4xx answer is application/problem+json (RFC 9457)."""

import json

import schemathesis


@schemathesis.check
def problem_json_for_client_errors(ctx, response, case):
    if not 400 <= response.status_code < 500:
        return None
    content_type = ";".join(response.headers.get("content-type", []))
    assert "application/problem+json" in content_type, (
        f"{response.status_code} answered as {content_type or 'no content type'}, not problem+json"
    )
    problem = json.loads(response.content)
    for field in ("type", "title", "status", "requestId"):
        assert field in problem, f"problem+json without {field}"
    assert problem["status"] == response.status_code, "problem status differs from the HTTP status"
    return None
