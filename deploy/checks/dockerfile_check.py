"""deploy/Dockerfile against the build: what it compiles is what it copies, every copied binary is
a CMake executable that builds, the runtime stage installs the packages of every library they
link, and the health check, ports and seed files exist."""
import re
import shlex

# In debian:bookworm-slim already (apt itself needs them).
BASE_PACKAGES = {"libc6", "libgcc-s1", "libstdc++6", "zlib1g"}


def _logical_lines(text):
    """Dockerfile instructions with their continuation lines joined, comments dropped."""
    lines, current = [], ""
    for raw in text.splitlines():
        if raw.lstrip().startswith("#"):
            continue
        if raw.rstrip().endswith("\\"):
            current += raw.rstrip()[:-1] + " "
            continue
        current += raw
        if current.strip():
            lines.append(current.strip())
        current = ""
    return lines


def parse(text):
    """Stages as lists of (INSTRUCTION, rest)."""
    stages = []
    for line in _logical_lines(text):
        word, _, rest = line.partition(" ")
        if word.upper() == "FROM":
            stages.append([])
        if stages:
            stages[-1].append((word.upper(), rest.strip()))
    return stages


def shipped_binaries(root):
    """The hotline binaries deploy/Dockerfile copies into the image."""
    binaries = set()
    for stage in parse((root / "deploy/Dockerfile").read_text(encoding="utf-8")):
        for word, rest in stage:
            if word == "COPY" and rest.startswith("--from=build"):
                binaries |= set(re.findall(r"/build/bin/(hotline-[a-z-]+)", rest))
    return binaries


def check(root, facts):
    errors = []
    path = root / "deploy/Dockerfile"
    stages = parse(path.read_text(encoding="utf-8"))
    if len(stages) != 2:
        return [f"{path.name}: expected a build and a runtime stage, found {len(stages)} stages"]
    build, runtime = stages
    if not re.match(r"debian:bookworm\b", build[0][1]) or "AS build" not in build[0][1]:
        errors.append("Dockerfile: the build stage must be `FROM debian:bookworm AS build`")
    if runtime[0][1] not in ("debian:bookworm-slim", "debian:bookworm"):
        errors.append(f"Dockerfile: the runtime stage is {runtime[0][1]}, not Debian bookworm")
    build_runs = " ".join(rest for word, rest in build if word == "RUN")
    if "deploy/install-deps --build" not in build_runs:
        errors.append("Dockerfile: the build stage must install with `deploy/install-deps --build`")
    targets = set()
    for m in re.finditer(r"--target((?:\s+[A-Za-z0-9_-]+)+)", build_runs):
        targets |= set(m.group(1).split())
    shipped = shipped_binaries(root)
    if targets != shipped:
        errors.append(f"Dockerfile: builds {sorted(targets)} but copies {sorted(shipped)}")
    wanted = set(facts.default_ports) | {"hotline-admin", "hotline-directory", "hotline-relay"}
    if wanted - shipped:
        errors.append(f"Dockerfile: does not ship {sorted(wanted - shipped)}")
    for binary in sorted(shipped):
        if not facts.built(binary):
            errors.append(f"Dockerfile: copies {binary}, which is no CMake executable in build/bin")

    installed = set()
    for word, rest in runtime:
        if word == "RUN":
            for m in re.finditer(r"apt-get install((?:\s+(?:-[-\w]+|[\w.+-]+))+)", rest):
                installed |= {w for w in m.group(1).split() if not w.startswith("-")}
    for package in ("tzdata", "ca-certificates"):
        if package not in installed:
            errors.append(f"Dockerfile: the runtime stage does not install {package}")
    for package, sonames in sorted(facts.linked_packages(sorted(shipped)).items()):
        if package not in installed and package not in BASE_PACKAGES:
            errors.append(f"Dockerfile: the binaries link {sorted(sonames)} of {package}, "
                          "which the runtime stage does not install")
    allowed = {"tzdata", "ca-certificates"} | set(facts.linked_packages(sorted(shipped)))
    for package in sorted(installed - allowed):
        errors.append(f"Dockerfile: the runtime stage installs {package}, which nothing links")

    for word, rest in runtime:
        if word == "ENV":
            for var in re.findall(r"(HOTLINE_[A-Z_]+)=", rest):
                for binary in sorted(facts.default_ports):
                    if not facts.has_env_flag(binary, var):
                        errors.append(f"Dockerfile: ENV {var} is no flag of {binary}")
    users = [rest for word, rest in runtime if word == "USER"]
    if not users or users[-1].split(":")[0] != "10001":
        errors.append("Dockerfile: the runtime stage must end as USER 10001")
    for word, rest in runtime:
        if word == "COPY" and not rest.startswith("--from"):
            for source in shlex.split(rest)[:-1]:
                if not (root / source).exists():
                    errors.append(f"Dockerfile: COPY {source}: no such file in the repository")
    health = [rest for word, rest in runtime if word == "HEALTHCHECK"]
    if not health or "hotline-admin health" not in health[0]:
        errors.append("Dockerfile: no HEALTHCHECK running `hotline-admin health`")
    else:
        for flag in re.findall(r"--([a-z_]+)=", health[0].split("CMD", 1)[1]):
            if flag not in facts.flags("hotline-admin"):
                errors.append(f"Dockerfile: HEALTHCHECK passes --{flag}, not a hotline-admin flag")
    exposed = {int(p) for word, rest in runtime if word == "EXPOSE" for p in rest.split()}
    defaults = {p for ports in facts.default_ports.values() for p in ports}
    if exposed != defaults:
        errors.append(f"Dockerfile: EXPOSE {sorted(exposed)}, the services' defaults are "
                      f"{sorted(defaults)}")
    if not (root / "deploy/Dockerfile.dockerignore").exists():
        errors.append("Dockerfile: deploy/Dockerfile.dockerignore is missing (build trees in "
                      "the context)")
    return errors
