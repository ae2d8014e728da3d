"""What the build says: the binaries CMake makes, each binary's flags (from --helpfull) and each
service's default ports (from its main.cc), and the Debian packages of the libraries they link."""
import pathlib
import re
import shutil
import subprocess

_FLAG_LINE = re.compile(r"^\s+--([A-Za-z0-9_]+) \(", re.M)
_EXECUTABLE = re.compile(r"add_executable\(\s*([A-Za-z0-9_-]+)")
_SERVICE_MAIN = re.compile(r'ServiceMain\s+\w+\(\{"([a-z]+)",\s*(\d+),\s*(\d+)\}')


class BuildFacts:
    def __init__(self, root: pathlib.Path, build: pathlib.Path):
        self.root = root
        self.bin = build / "bin"
        self._flags = {}
        self._packages = {}
        self.executables = {}  # binary name -> source folder
        for cmake in list(root.glob("services/*/CMakeLists.txt")) + list(
                root.glob("tools/*/CMakeLists.txt")):
            for name in _EXECUTABLE.findall(cmake.read_text(encoding="utf-8")):
                self.executables[name] = cmake.parent
        self.default_ports = {}  # binary -> (grpc, metrics)
        self.service_of = {}  # binary -> the service's name in its ServiceSpec
        for binary, folder in self.executables.items():
            main = folder / "main.cc"
            found = _SERVICE_MAIN.search(main.read_text(encoding="utf-8")) if main.exists() else None
            if found:
                self.service_of[binary] = found.group(1)
                self.default_ports[binary] = (int(found.group(2)), int(found.group(3)))

    def built(self, binary: str) -> bool:
        path = self.bin / binary
        return binary in self.executables and path.is_file() and path.stat().st_mode & 0o111

    def flags(self, binary: str) -> set:
        """The flag names the built binary accepts; empty when it is not built."""
        if binary not in self._flags:
            names = set()
            if self.built(binary):
                run = subprocess.run([str(self.bin / binary), "--helpfull"], capture_output=True,
                                     text=True, timeout=30, env={"PATH": "/usr/bin:/bin"})
                names = set(_FLAG_LINE.findall(run.stdout + run.stderr))
            self._flags[binary] = names
        return self._flags[binary]

    def has_env_flag(self, binary: str, env_name: str) -> bool:
        """HOTLINE_<FLAG> sets --flag (libs/service/env_flags.cc)."""
        return env_name.startswith("HOTLINE_") and env_name[8:].lower() in self.flags(binary)

    def linked_packages(self, binaries) -> dict:
        """Debian package -> the sonames the binaries need from it directly (readelf -d)."""
        key = tuple(sorted(binaries))
        if key in self._packages:
            return self._packages[key]
        ldconfig = shutil.which("ldconfig") or "/sbin/ldconfig"
        path_of = {}
        for line in subprocess.run([ldconfig, "-p"], capture_output=True, text=True).stdout \
                .splitlines():
            m = re.match(r"\s*(\S+) \(libc6,x86-64[^)]*\) => (\S+)", line)
            if m and m.group(1) not in path_of:
                path_of[m.group(1)] = m.group(2)
        needed = set()
        for binary in key:
            dyn = subprocess.run(["readelf", "-d", str(self.bin / binary)], capture_output=True,
                                 text=True).stdout
            needed |= set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dyn))
        # One dpkg -S for all: each library under every name it may be listed by (usrmerge).
        names = {}
        for soname in needed:
            path = path_of.get(soname)
            if path:
                for candidate in {path, str(pathlib.Path(path).resolve()), "/usr" + path}:
                    names[candidate] = soname
        owners = subprocess.run(["dpkg", "-S", *sorted(names)], capture_output=True, text=True)
        package_of = {}
        for line in owners.stdout.splitlines():
            package, _, path = line.partition(": ")
            if path in names:
                package_of[names[path]] = package.split(":")[0]
        packages = {}
        for soname in needed:
            packages.setdefault(package_of.get(soname, f"<unknown: {soname}>"), set()).add(soname)
        self._packages[key] = packages
        return packages
