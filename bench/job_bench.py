"""A 100,000-row CSV job on PostgreSQL, from upload to every notification handed to the fake SMS provider.

    .venv/bin/python bench/job_bench.py                 # a fresh database on the local server (tests' helper)
    .venv/bin/python bench/job_bench.py --rows 20000 --database-url postgresql+psycopg://... --secret-key KEY

One process, wired as `notify serve` wires it (bootstrap.open_stores + build_notify + start_background: file
upload store, in-process delivery queue, job runner). Times: upload (check the whole file + store it),
processing (rows -> notifications in batches of add_many, ids to the delivery queue), and delivery (until the
fake provider has been handed every one). Prints time, rows/s and the process's peak RSS."""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import attrs  # noqa: E402

from notify import bootstrap  # noqa: E402
from notify.config import Settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--secret-key", default="bench-secret-key-0123456789abcdef0123456789")
    args = parser.parse_args()
    url = args.database_url
    if url is None:
        from tests.postgres_server import database_url_for_this_run

        url = database_url_for_this_run()

    from notify.adapters.providers.fake import FakeSmsProvider
    from notify.domain.constants import TemplateType
    from notify.domain.template import Template
    from notify.usecases import jobs, services, users

    workdir = Path(tempfile.mkdtemp(prefix="notify-job-bench-"))
    settings = attrs.evolve(Settings(), database_url=url, secret_keys=(args.secret_key,), upload_dir=str(workdir))
    stores = bootstrap.open_stores(settings)
    sms = FakeSmsProvider(receipt_delay=None)  # receipts held: we measure the hand-over
    notify = bootstrap.build_notify(settings, stores)
    notify = bootstrap.start_background(attrs.evolve(notify, sms_providers=[sms]), settings)

    owner = users.create_user(notify, name="Bench", email_address=f"bench.{time.time_ns()}@example.gov.uk",
                              password="a long enough password")
    service = services.create_service(notify, name=f"Bench {time.time_ns()}", user_id=owner.id, restricted=False,
                                      sms_message_limit=10**9, rate_limit=10**9)
    template = Template(id=notify.ids.new(), service_id=service.id, name="bulk", template_type=TemplateType.SMS,
                        content="Hello ((name)), your reference is ((ref))", created_at=notify.clock.now(),
                        created_by=owner.id)
    with notify.uow() as uow:
        uow.templates.add(template)
        uow.commit()
    csv = "phone number,name,ref\n" + "".join(f"07700900{n % 1000:03d},Person {n},R{n}\n"
                                                for n in range(args.rows))

    t0 = time.perf_counter()
    try:
        upload = jobs.upload_spreadsheet(notify, service.id, template_id=template.id, original_file_name="bench.csv",
                                         data=csv)
    except jobs.InvalidFile as exc:
        sys.exit(f"file refused: {exc.errors[:3]}")
    t_upload = time.perf_counter()
    job = jobs.create_job(notify, service.id, job_id=upload.id, created_by=owner.id)
    while True:
        current = jobs.get_job(notify, service.id, job.job.id).job
        if current.job_status.value in ("finished", "sending limits exceeded", "cancelled", "error"):
            break
        time.sleep(0.2)
    t_processed = time.perf_counter()
    while len(sms.sent) < args.rows and time.perf_counter() - t0 < 600:
        time.sleep(0.2)
    t_done = time.perf_counter()
    total = t_done - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"rows: {args.rows}  job status: {current.job_status.value}  handed to provider: {len(sms.sent)}")
    print(f"upload+check: {t_upload - t0:.2f}s  processing (rows -> notifications): {t_processed - t_upload:.2f}s  "
          f"until all handed over: {total:.2f}s")
    print(f"rows/s end to end: {args.rows / total:,.0f}  peak RSS (the only process): {peak_mb:,.0f} MB")
    bootstrap.stop_background(notify)  # before the database goes


if __name__ == "__main__":
    main()
