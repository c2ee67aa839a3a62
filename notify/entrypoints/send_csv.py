"""`notify send-csv FILE --service SERVICE_ID --template TEMPLATE_ID`: send a spreadsheet through a running
notify's admin API (upload, create the job, follow it) with a progress bar on stderr. Signs its requests as
the admin app does (NOTIFY_ADMIN_CLIENT_ID / NOTIFY_ADMIN_CLIENT_SECRET)."""

from __future__ import annotations

import json
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, TextIO

import jwt

FINAL = {"finished", "cancelled", "sending limits exceeded", "error"}


class SendFailed(Exception):
    pass


class AdminApi:
    def __init__(self, base_url: str, client_id: str, secret: str) -> None:
        self.base_url, self.client_id, self.secret = base_url.rstrip("/"), client_id, secret

    def call(self, method: str, path: str, data: dict[str, Any] | None = None) -> Any:
        token = jwt.encode({"iss": self.client_id, "iat": int(time.time())}, self.secret, algorithm="HS256")
        request = urllib.request.Request(
            self.base_url + path, method=method, data=None if data is None else json.dumps(data).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as exc:
            body = exc.read().decode(errors="replace")
            raise SendFailed(_explain(exc.code, body)) from None


def _explain(status: int, body: str) -> str:
    try:
        parsed = json.loads(body)
    except ValueError:
        return f"HTTP {status}: {body[:500]}"
    lines = [f"HTTP {status}: {parsed.get('message')}"]
    for error in parsed.get("errors", [])[:20]:
        where = f"row {error['row']}" if error.get("row") else "file"
        column = f", column {error['column']!r}" if error.get("column") else ""
        lines.append(f"  {where}{column}: {error['message']}")
    return "\n".join(lines)


def progress_bar(done: int, total: int, *, width: int = 40, label: str = "") -> str:
    share = 1.0 if total <= 0 else min(1.0, done / total)
    filled = int(share * width)
    return f"\r{label}[{'#' * filled}{'.' * (width - filled)}] {done}/{total} ({share:.0%})"


def send_csv(api: AdminApi, path: Path, *, service_id: str, template_id: str, scheduled_for: str | None = None,
             wait: bool = True, poll: float = 0.5, out: TextIO = sys.stderr) -> dict[str, Any]:
    uploaded = api.call("POST", f"/service/{service_id}/job/upload", {
        "template_id": template_id, "original_file_name": path.name, "csv": path.read_text(encoding="utf-8-sig")})
    data = uploaded["data"]
    body: dict[str, Any] = {"id": data["id"]}
    if scheduled_for:
        body["scheduled_for"] = scheduled_for
    job: dict[str, Any] = api.call("POST", f"/service/{service_id}/job", body)["data"]
    print(f"job {job['id']}: {job['notification_count']} rows, {job['job_status']}", file=out, flush=True)
    if not wait or job["job_status"] == "scheduled":
        return job
    total = job["notification_count"]
    while True:
        job = api.call("GET", f"/service/{service_id}/job/{job['id']}")["data"]
        handed = job["notifications_sent"]
        print(progress_bar(handed, total, label=f"{job['job_status']:<12} "), end="", file=out, flush=True)
        if job["job_status"] in FINAL and (handed >= total or job["job_status"] != "finished"):
            print(file=out, flush=True)
            return job
        time.sleep(poll)
