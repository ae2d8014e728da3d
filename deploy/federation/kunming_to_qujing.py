#!/usr/bin/python3
"""Submits a ticket at Kunming (5301) about a place in Qujing (5303) to a running federation
(`deploy/local/suite up --federation --dir DIR`) and follows it hop by hop: 5301 → 53 → 5303.

  /usr/bin/python3 deploy/federation/kunming_to_qujing.py --dir DIR

Stubs are compiled from proto/ into a temporary folder; each hop is read from that instance's
database with psql.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid

import grpc
from grpc_tools import protoc

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PSQL = "/usr/lib/postgresql/15/bin/psql"


def read_env(path):
    """NAME=value lines of the suite's endpoints.env; a value may stand in single quotes."""
    with open(path) as f:
        pairs = (line.rstrip("\n").split("=", 1) for line in f if "=" in line)
        return {k: v[1:-1] if len(v) > 1 and v[0] == v[-1] == "'" else v for k, v in pairs}


def query(pg_url, sql):
    out = subprocess.run([PSQL, "-X", "-At", "-d", pg_url, "-c", sql], capture_output=True,
                         text=True)
    return out.stdout.strip()


def wait_for(what, fetch, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        value = fetch()
        if value:
            print(f"  {what}: {value}")
            return value
        time.sleep(0.2)
    sys.exit(f"gave up waiting for {what}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True, help="the federation folder")
    args = parser.parse_args()
    out = tempfile.mkdtemp()
    proto = os.path.join(REPO, "proto")
    files = ["hotline/intake/v1/intake.proto", "hotline/common/v1/ticket.proto",
             "hotline/common/v1/auth.proto", "hotline/common/v1/personal_data.proto"]
    if protoc.main(["protoc", f"-I{proto}", "-I/usr/include", f"--python_out={out}",
                    f"--grpc_python_out={out}"] + files) != 0:
        sys.exit("protoc failed")
    sys.path.insert(0, out)
    from hotline.intake.v1 import intake_pb2, intake_pb2_grpc
    from hotline.common.v1 import ticket_pb2

    kunming = read_env(os.path.join(args.dir, "5301", "endpoints.env"))
    province = read_env(os.path.join(args.dir, "53", "endpoints.env"))
    qujing = read_env(os.path.join(args.dir, "5303", "endpoints.env"))
    stub = intake_pb2_grpc.IntakeStub(grpc.insecure_channel(kunming["INTAKE_ADDR"]))
    request = intake_pb2.SubmitTicketRequest(
        idempotency_key=str(uuid.uuid4()), channel=ticket_pb2.CHANNEL_PHONE,
        source_line=ticket_pb2.SOURCE_LINE_12345, kind=ticket_pb2.TICKET_KIND_COMPLAINT,
        urgency=ticket_pb2.URGENCY_NORMAL, category="public-utilities/water",
        region_code="530302001", address="曲靖市麒麟区南宁街道", content="出差住处停水三天")
    request.caller.name, request.caller.phone = "李四", "13900000000"
    response = stub.SubmitTicket(
        request, metadata=[("authorization", "Bearer " + kunming["HOTLINE_TOKEN_FRONTEND"])])
    number = response.ticket_number
    print(f"5301 took {number}")
    at_53 = wait_for("53 received it as", lambda: query(province["PG_URL"], (
        "SELECT t.number FROM transfer_links l JOIN tickets t ON t.id = l.ticket_id "
        f"WHERE l.received_from = '5301' AND l.origin_ticket_number = '{number}'")))
    wait_for("5303 received it, dispatched to", lambda: query(qujing["PG_URL"], (
        "SELECT t.number || ' → ' || a.unit_id FROM transfer_links l "
        "JOIN tickets t ON t.id = l.ticket_id JOIN routing_assignments a ON a.ticket_id = t.id "
        f"WHERE l.received_from = '53' AND l.origin_ticket_number = '{at_53}' AND a.role = 1")))


if __name__ == "__main__":
    main()
