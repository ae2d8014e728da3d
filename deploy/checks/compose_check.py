"""deploy/compose.yaml against the build: every binary a container runs is shipped, every
HOTLINE_* it gets and every --flag it passes exists, ports are the configured ones, every file
it mounts exists, and secrets come from deploy/.env (deploy/.env.example commits none)."""
import fnmatch
import json
import re

import yaml

import dockerfile_check

SERVICES = {"intake", "routing", "supervision", "transfer", "reporting"}
ONE_SHOTS = {"db-roles", "migrate", "data-keys", "directory-import"}
CONDITIONS = {"service_started", "service_healthy", "service_completed_successfully"}
_BINARY = re.compile(r"\bhotline-[a-z]+\b")
_FLAG = re.compile(r"(?<![\w-])--([a-z_]+)")
# Where the image holds the repository's seed files (deploy/Dockerfile).
IMAGE_FILES = {"/usr/share/hotline/directory": "deploy/directory",
               "/usr/share/hotline/calendars": "deploy/calendars"}


def _words(entry):
    value = entry.get("entrypoint") or []
    command = entry.get("command") or []
    value = value if isinstance(value, list) else [value]
    return value + (command if isinstance(command, list) else [command])


def _binaries_and_flags(words):
    """[(binary, [flags])] in the order the command runs them, shell scripts included."""
    text = " ".join(words)
    found = []
    for token in re.finditer(r"\bhotline-[a-z]+\b|(?<![\w-])--[a-z_]+", text):
        if token.group().startswith("--"):
            if found:
                found[-1][1].append(token.group()[2:])
        else:
            found.append((token.group(), []))
    return found


def check(root, facts):
    errors = []
    deploy = root / "deploy"
    compose = yaml.safe_load((deploy / "compose.yaml").read_text(encoding="utf-8"))
    services = compose.get("services", {})
    shipped = dockerfile_check.shipped_binaries(root)
    example = {}
    for line in (deploy / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            example[key.strip()] = value.strip()
    for key, value in example.items():
        if ("PASSWORD" in key or "SECRET" in key) and value != "change-me":
            errors.append(f".env.example: {key} must be the placeholder change-me")
    for var in set(re.findall(r"\$\{([A-Z_]+)(:[?-][^}]*)?\}",
                              (deploy / "compose.yaml").read_text(encoding="utf-8"))):
        if var[0] not in example and not var[1].startswith(":-"):
            errors.append(f"compose.yaml: ${{{var[0]}}} is not in deploy/.env.example")

    missing = (SERVICES | ONE_SHOTS | {"postgres", "redis", "prometheus", "grafana"}) - set(services)
    if missing:
        errors.append(f"compose.yaml: no {sorted(missing)}")
    if not str(services.get("postgres", {}).get("image", "")).startswith("postgres:15"):
        errors.append("compose.yaml: postgres must run PostgreSQL 15")
    redis_command = " ".join(_words(services.get("redis", {})))
    if "--user default off" not in redis_command or ">$$REDIS_PASSWORD" not in redis_command:
        errors.append("compose.yaml: Redis must switch the default user off and give the "
                      "services' user a password")

    targets = {}
    for group in json.loads((deploy / "compose/prometheus-targets.json").read_text()):
        for target in group["targets"]:
            host, port = target.split(":")
            targets[host] = int(port)
            if group["labels"].get("service") != host:
                errors.append(f"prometheus-targets.json: {target} is labelled "
                              f"{group['labels']}, not service={host}")
    if set(targets) != SERVICES:
        errors.append(f"prometheus-targets.json: targets {sorted(targets)}, not the five services")

    for name, entry in services.items():
        where = f"compose.yaml: {name}"
        ours = "hotline/suite" in str(entry.get("image", ""))
        env = entry.get("environment") or {}
        runs = _binaries_and_flags(_words(entry)) if ours else []
        for binary, flags in runs:
            if binary not in shipped:
                errors.append(f"{where} runs {binary}, which deploy/Dockerfile does not ship")
                continue
            for flag in flags:
                if flag not in facts.flags(binary):
                    errors.append(f"{where}: {binary} has no --{flag}")
        binaries = [b for b, _ in runs if b in shipped]
        for var in env:
            if var.startswith("HOTLINE_") and not any(facts.has_env_flag(b, var) for b in binaries):
                errors.append(f"{where}: {var} is a flag of none of {binaries}")
        for volume in entry.get("volumes") or []:
            source = volume.split(":")[0]
            if source.startswith("."):
                if not (deploy / source).exists():
                    errors.append(f"{where} mounts {source}: no such file")
            elif source not in (compose.get("volumes") or {}):
                errors.append(f"{where} mounts the undeclared volume {source}")
        for path in re.findall(r"/usr/share/hotline/[\w./-]+", " ".join(_words(entry))):
            for prefix, repo in IMAGE_FILES.items():
                if path.startswith(prefix) and not (root / (repo + path[len(prefix):])).exists():
                    errors.append(f"{where} reads {path}: {repo + path[len(prefix):]} is missing")
        for dependency, how in (entry.get("depends_on") or {}).items():
            if dependency not in services:
                errors.append(f"{where} depends on the unknown service {dependency}")
            elif how.get("condition") not in CONDITIONS:
                errors.append(f"{where}: depends_on {dependency} has no valid condition")
            elif how["condition"] == "service_completed_successfully" and \
                    services[dependency].get("restart") != "no":
                errors.append(f"{where} waits for {dependency} to complete, which restarts")
            elif how["condition"] == "service_healthy" and not _has_health(services[dependency]):
                errors.append(f"{where} waits for {dependency} to be healthy; it has no check")
        if name in ONE_SHOTS and entry.get("restart") != "no":
            errors.append(f"{where}: a one-shot must have restart: \"no\"")
        if entry.get("restart") == "unless-stopped" and not _has_health(entry):
            errors.append(f"{where}: no health check")
        if name in SERVICES:
            errors += _check_service(where, runs, env, entry, facts, targets.get(name))
    errors += _check_monitoring(deploy, services)
    if "hotline_owner" not in str(services.get("migrate", {}).get("environment")):
        errors.append("compose.yaml: migrate must log in as the schema owner hotline_owner")
    return errors


def _mounts(entry, deploy):
    """Container path -> the repository file or folder a bind mount puts there."""
    return {v.split(":")[1]: deploy / v.split(":")[0] for v in entry.get("volumes") or []
            if v.startswith(".")}


def _check_monitoring(deploy, services):
    """Prometheus finds its rule files and the targets where its configuration says; Grafana's
    data source has the uid the dashboards name."""
    errors = []
    mounts = _mounts(services.get("prometheus", {}), deploy)
    config_file = mounts.get("/etc/prometheus/prometheus.yml")
    if not config_file:
        return ["compose.yaml: prometheus does not mount deploy/prometheus/prometheus.yml"]
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    for rule_file in config.get("rule_files", []):
        if f"/etc/prometheus/{rule_file}" not in mounts:
            errors.append(f"compose.yaml: prometheus.yml loads {rule_file}, which is not mounted")
    patterns = [f for job in config["scrape_configs"] for sd in job.get("file_sd_configs", [])
                for f in sd["files"]]
    if not any(fnmatch.fnmatch(path, f"/etc/prometheus/{p}") for p in patterns for path in mounts):
        errors.append(f"compose.yaml: no targets file mounted where prometheus.yml reads {patterns}")
    grafana = _mounts(services.get("grafana", {}), deploy)
    uids = set()
    for path, source in grafana.items():
        if "/provisioning/datasources/" in path:
            uids |= {d.get("uid") for d in yaml.safe_load(source.read_text())["datasources"]}
    for path, source in grafana.items():
        if path.startswith("/var/lib/grafana/dashboards"):
            for dashboard in sorted(source.glob("*.json")):
                wanted = set(re.findall(r'"datasource":\s*\{[^}]*"uid":\s*"([^"]+)"',
                                        dashboard.read_text(encoding="utf-8")))
                if wanted - uids:
                    errors.append(f"compose.yaml: {dashboard.name} names data sources "
                                  f"{sorted(wanted - uids)} Grafana is not given")
    return errors


def _has_health(entry):
    check = entry.get("healthcheck") or {}
    if check.get("disable"):
        return False
    # The image's HEALTHCHECK asks the port HOTLINE_GRPC_PORT names.
    return bool(check.get("test")) or "HOTLINE_GRPC_PORT" in (entry.get("environment") or {})


def _check_service(where, runs, env, entry, facts, metrics_target):
    errors = []
    if len(runs) != 1 or runs[0][0] not in facts.default_ports:
        return [f"{where}: should run one service binary, runs {runs}"]
    binary = runs[0][0]
    grpc, metrics = facts.default_ports[binary]
    grpc = int(env.get("HOTLINE_GRPC_PORT", grpc))
    metrics = int(env.get("HOTLINE_METRICS_PORT", metrics))
    published = {int(p.split(":")[-1]) for p in entry.get("ports") or []}
    if published and published != {grpc}:
        errors.append(f"{where} publishes {sorted(published)}; it serves gRPC on {grpc}")
    if metrics_target != metrics:
        errors.append(f"{where}: Prometheus scrapes port {metrics_target}, metrics are on {metrics}")
    if str(env.get("HOTLINE_MIGRATE_ON_START")).lower() != "false":
        errors.append(f"{where}: HOTLINE_MIGRATE_ON_START must be false (migrate does it)")
    if "hotline_app:" not in str(env.get("HOTLINE_PG_URL")):
        errors.append(f"{where}: must log in as hotline_app, the hotline_service member")
    if env.get("HOTLINE_LISTEN_HOST") not in (None, "127.0.0.1") and \
            str(env.get("HOTLINE_ALLOW_PLAINTEXT_LISTEN")).lower() != "true" and \
            not env.get("HOTLINE_TLS_CERT"):
        errors.append(f"{where}: listens off loopback without TLS or ALLOW_PLAINTEXT_LISTEN")
    return errors
