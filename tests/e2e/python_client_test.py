#!/usr/bin/python3
"""A second, independent client: Python's grpcio with stubs compiled here from proto/ only.

Calls the health check and Intake.ListCategories of the running local suite, proving that the .proto
files are self-contained and the wire is standard gRPC. Prints one 'N passed, N failed' line.
"""
import argparse
import importlib
import os
import shutil
import sys
import tempfile

import grpc
from grpc_tools import protoc

GRPC_PROTO_ROOT = "/usr/share/grpc-proto"  # Debian grpc-proto
GOOGLEAPIS_ROOT = "/usr/share/gocode/src/github.com/gogo/googleapis"


def compile_protos(proto_root, out_dir):
    protos = [os.path.relpath(os.path.join(d, f), proto_root)
              for d, _, files in os.walk(proto_root) for f in files if f.endswith(".proto")]
    # health.proto sits under grpc/, which would shadow the grpcio package: compile a copy at the
    # top level instead (the wire name, grpc.health.v1.Health, comes from its package line).
    extra = os.path.join(out_dir, "extra")
    os.makedirs(extra)
    shutil.copy(os.path.join(GRPC_PROTO_ROOT, "grpc/health/v1/health.proto"), extra)
    protos.append("health.proto")
    args = ["protoc", f"-I{proto_root}", f"-I{extra}", f"-I{GOOGLEAPIS_ROOT}",
            "-I/usr/include", f"--python_out={out_dir}", f"--grpc_python_out={out_dir}"] + protos
    if protoc.main(args) != 0:
        raise RuntimeError("protoc failed")
    sys.path.insert(0, out_dir)


def read_env(path):
    """NAME=value lines of the suite's endpoints.env; a value may stand in single quotes."""
    with open(path) as f:
        pairs = (line.rstrip("\n").split("=", 1) for line in f if "=" in line)
        return {k: v[1:-1] if len(v) > 1 and v[0] == v[-1] == "'" else v for k, v in pairs}


def open_channel(env, address):
    """A channel to one of the suite's services: TLS verified against TLS_CA when the suite was
    started with --tls, plaintext otherwise."""
    if env.get("TLS_CA"):
        with open(env["TLS_CA"], "rb") as f:
            credentials = grpc.ssl_channel_credentials(root_certificates=f.read())
        return grpc.secure_channel(address, credentials)
    return grpc.insecure_channel(address)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--proto_root", required=True)
    args = parser.parse_args()
    env = read_env(os.environ["HOTLINE_TEST_ENV"])
    passed, failed = 0, 0

    def check(name, ok, detail=""):
        nonlocal passed, failed
        print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"))
        passed, failed = passed + ok, failed + (not ok)

    with tempfile.TemporaryDirectory() as out:
        compile_protos(args.proto_root, out)
        health_pb2 = importlib.import_module("health_pb2")
        health_grpc = importlib.import_module("health_pb2_grpc")
        intake_pb2 = importlib.import_module("hotline.intake.v1.intake_pb2")
        intake_grpc = importlib.import_module("hotline.intake.v1.intake_pb2_grpc")

        channel = open_channel(env, env["INTAKE_ADDR"])
        reply = health_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=10)
        check("health check is SERVING",
              reply.status == health_pb2.HealthCheckResponse.SERVING, reply)

        stub = intake_grpc.IntakeStub(channel)
        token = env["HOTLINE_TOKEN_FRONTEND"]
        listed = stub.ListCategories(intake_pb2.ListCategoriesRequest(), timeout=10,
                                     metadata=[("authorization", "Bearer " + token)])
        codes = {c.code for c in listed.categories}
        check("ListCategories with the frontend token lists the catalogue",
              "minor-protection/abuse" in codes and len(codes) > 50, sorted(codes)[:5])
        try:
            stub.ListCategories(intake_pb2.ListCategoriesRequest(), timeout=10)
            check("ListCategories without a token is refused", False, "it was accepted")
        except grpc.RpcError as e:
            check("ListCategories without a token is UNAUTHENTICATED",
                  e.code() == grpc.StatusCode.UNAUTHENTICATED, e.code())

    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
