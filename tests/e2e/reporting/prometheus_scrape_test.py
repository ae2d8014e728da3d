#!/usr/bin/python3
"""A real Prometheus against the running local suite: it scrapes every service's /metrics with
deploy/prometheus's scrape targets and rules, and after a few tickets submitted through intake the
recording rule service:hotline_intake_submissions:rate5m reads above zero for intake.

Exits 77 (ctest: skipped) with a message when the prometheus binary is missing; CI installs it.
Prints one 'N passed, N failed' line.
"""
import argparse
import importlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid

import grpc

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from python_client_test import compile_protos, open_channel, read_env  # noqa: E402

DEADLINE_SECONDS = 50


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def query(port, expr):
    url = f"http://127.0.0.1:{port}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    try:
        with urllib.request.urlopen(url, timeout=5) as reply:
            body = json.load(reply)
    except OSError:
        return []
    return body.get("data", {}).get("result", []) if body.get("status") == "success" else []


def poll(what, deadline):
    while time.monotonic() < deadline:
        result = what()
        if result:
            return result
        time.sleep(0.5)
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--source_root", required=True)
    args = parser.parse_args()
    prometheus = shutil.which("prometheus")
    if prometheus is None:
        print("SKIPPED: no prometheus binary on PATH (Debian package prometheus)")
        return 77
    env_file = os.environ["HOTLINE_TEST_ENV"]
    env = read_env(env_file)
    deploy = os.path.join(args.source_root, "deploy", "prometheus")
    passed, failed = 0, 0

    def check(name, ok, detail=""):
        nonlocal passed, failed
        print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"))
        passed, failed = passed + ok, failed + (not ok)

    with tempfile.TemporaryDirectory() as work:
        targets = os.path.join(work, "targets")
        subprocess.run([os.path.join(deploy, "suite-targets"), env_file, targets], check=True)
        # The shipped config and rules, with one-second scrapes and evaluations for the test.
        config = os.path.join(work, "prometheus.yml")
        with open(config, "w") as f:
            f.write(f"""global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - {deploy}/recording.rules.yml
  - {deploy}/alerts.rules.yml
scrape_configs:
  - job_name: hotline
    metrics_path: /metrics
    file_sd_configs:
      - files: ["{targets}/*.json"]
        refresh_interval: 1s
""")
        port = free_port()
        server = subprocess.Popen(
            [prometheus, f"--config.file={config}", f"--storage.tsdb.path={work}/data",
             f"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"],
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "prometheus.log"), "w"))
        try:
            deadline = time.monotonic() + DEADLINE_SECONDS
            services = {line.split("_METRICS")[0].lower()
                        for line in env if line.endswith("_METRICS")}
            up = poll(lambda: (lambda r: r if {m["metric"].get("service") for m in r} >= services
                               else None)(query(port, 'up{job="hotline"} == 1')), deadline)
            check(f"every service is scraped and up ({', '.join(sorted(services))})", up is not None,
                  query(port, 'up{job="hotline"}'))
            for service in sorted(services):
                series = poll(lambda: query(
                    port, f'count({{job="hotline",service="{service}",__name__=~"hotline_.*"}})'),
                    deadline)
                check(f"{service} exports hotline_* metrics", series is not None)

            out = os.path.join(work, "stubs")
            os.makedirs(out)
            compile_protos(os.path.join(args.source_root, "proto"), out)
            intake_pb2 = importlib.import_module("hotline.intake.v1.intake_pb2")
            intake_grpc = importlib.import_module("hotline.intake.v1.intake_pb2_grpc")
            common = importlib.import_module("hotline.common.v1.ticket_pb2")
            stub = intake_grpc.IntakeStub(open_channel(env, env["INTAKE_ADDR"]))
            token = [("authorization", "Bearer " + env["HOTLINE_TOKEN_FRONTEND"])]
            def submit(i):
                stub.SubmitTicket(intake_pb2.SubmitTicketRequest(
                    idempotency_key=str(uuid.uuid4()), channel=common.CHANNEL_WEB,
                    source_line=common.SOURCE_LINE_12345, kind=common.TICKET_KIND_SUGGESTION,
                    urgency=common.URGENCY_NORMAL,
                    category="urban-management/sanitation", region_code=env["INSTANCE_ID"],
                    caller=common.Caller(anonymous=True),
                    content=f"小区门口垃圾三天没有清运（第{i + 1}次反映）"),
                    timeout=10, metadata=token)

            # A rate needs two samples of the counter: the first ticket makes the series
            # appear, the next two move it between scrapes.
            submit(0)
            seen = poll(lambda: query(port, 'hotline_intake_submissions_total{service="intake"}'),
                        deadline)
            check("the first ticket's submission counter is scraped", seen is not None)
            submit(1)
            submit(2)
            rate = poll(lambda: [r for r in query(
                port, 'service:hotline_intake_submissions:rate5m{service="intake"} > 0')],
                deadline)
            check("service:hotline_intake_submissions:rate5m > 0 after three tickets",
                  rate is not None, query(port, "service:hotline_intake_submissions:rate5m"))
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
