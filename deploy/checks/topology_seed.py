"""Parses a transfer topology seed the way hotline-transfer does: as a
hotline.transfer.v1.TopologySeed in protobuf text format, with Python code protoc generates
from proto/ (python3-grpc-tools, python3-protobuf)."""
import importlib
import subprocess
import sys
import tempfile

_PROTO_PATHS = ["/usr/share/gocode/src/github.com/gogo/googleapis", "/usr/share/grpc-proto",
                "/usr/include"]
_module = None
_generated = None  # removed when the check exits


def _transfer_pb2(root):
    global _module, _generated
    if _module is None:
        _generated = tempfile.TemporaryDirectory(prefix="deploy-check-pb-")
        out = _generated.name
        protos = sorted(str(p.relative_to(root / "proto")) for p in (root / "proto").rglob("*.proto"))
        includes = [f"-I{root / 'proto'}"] + [f"-I{p}" for p in _PROTO_PATHS]
        run = subprocess.run([sys.executable, "-m", "grpc_tools.protoc", *includes,
                              f"--python_out={out}", *protos], capture_output=True, text=True)
        if run.returncode != 0:
            raise RuntimeError(f"protoc failed: {run.stderr.strip()}")
        sys.path.insert(0, out)
        _module = importlib.import_module("hotline.transfer.v1.transfer_pb2")
    return _module


def parse(root, text):
    """The TopologySeed; ValueError naming the problem when the text does not parse, RuntimeError
    when the protos do not compile."""
    from google.protobuf import text_format

    pb2 = _transfer_pb2(root)
    try:
        return text_format.Parse(text, pb2.TopologySeed()), pb2
    except text_format.ParseError as e:
        raise ValueError(str(e)) from e
