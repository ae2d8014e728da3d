"""Each rendered Deployment against its binary: env names are flags, ports are the configured
ones, probes ask grpc.health.v1 on the gRPC port (over TLS when the service serves TLS), files
the flags name lie in mounted Secrets or ConfigMaps, and the pod is locked down."""
import os

import dockerfile_check
from k8s_manifests import mounted_file, of_kind, pod_env, secret_keys

SERVICES = {"intake", "routing", "supervision", "transfer", "reporting"}
# Flags that name a file the service reads.
FILE_FLAGS = ["HOTLINE_TLS_CERT", "HOTLINE_TLS_KEY", "HOTLINE_TLS_CLIENT_CA", "HOTLINE_DATA_KEYS",
              "HOTLINE_PEER_CERT", "HOTLINE_PEER_KEY", "HOTLINE_PEER_CA", "HOTLINE_REPORTING_CA",
              "HOTLINE_REPORTING_TOKEN_FILE", "HOTLINE_TOPOLOGY_SEED"]


def check(overlay, docs, facts, secrets, root):
    errors = []
    shipped = dockerfile_check.shipped_binaries(root)
    deployments = of_kind(docs, "Deployment")
    if set(deployments) != SERVICES:
        errors.append(f"{overlay}: Deployments {sorted(deployments)}, not the five services")
    for name, deployment in sorted(deployments.items()):
        where = f"{overlay}: Deployment {name}"
        if deployment["spec"].get("replicas", 1) < 2:
            errors.append(f"{where}: fewer than 2 replicas")
        pod = deployment["spec"]["template"]["spec"]
        errors += _check_pod(where, pod)
        for container in pod["containers"]:
            binary = os.path.basename(container["command"][0])
            if binary not in shipped or binary not in facts.default_ports:
                errors.append(f"{where}: runs {binary}, not a service binary the image ships")
                continue
            errors += _check_container(f"{where}/{container['name']}", name, binary, pod,
                                       container, docs, facts, secrets)
        for volume in pod.get("volumes") or []:
            if "secret" in volume and secret_keys(secrets, volume["secret"]["secretName"]) is None:
                errors.append(f"{where}: Secret {volume['secret']['secretName']} is not in "
                              "k8s/README.md")
    job = of_kind(docs, "Job").get("hotline-migrate")
    if not job:
        errors.append(f"{overlay}: no migrate Job")
    else:
        pod = job["spec"]["template"]["spec"]
        errors += _check_pod(f"{overlay}: Job hotline-migrate", pod)
        container = pod["containers"][0]
        refs = [s["secretRef"]["name"] for s in container.get("envFrom", []) if "secretRef" in s]
        command = container["command"]
        if os.path.basename(command[0]) != "hotline-admin" or command[1:] != ["migrate"]:
            errors.append(f"{overlay}: the migrate Job does not run hotline-admin migrate")
        if refs != ["hotline-db-owner"]:
            errors.append(f"{overlay}: the migrate Job must log in from hotline-db-owner, not {refs}")
    return errors


def _check_pod(where, pod):
    errors = []
    context = pod.get("securityContext") or {}
    if pod.get("automountServiceAccountToken") is not False:
        errors.append(f"{where}: automountServiceAccountToken must be false")
    if context.get("runAsNonRoot") is not True or context.get("runAsUser") != 10001:
        errors.append(f"{where}: must run as non-root uid 10001 (the image's user)")
    for container in pod["containers"]:
        own = container.get("securityContext") or {}
        if own.get("readOnlyRootFilesystem") is not True or own.get("allowPrivilegeEscalation"):
            errors.append(f"{where}: read-only root filesystem, no privilege escalation")
        resources = container.get("resources") or {}
        for part in ("requests", "limits"):
            if set((resources.get(part) or {})) < {"cpu", "memory"}:
                errors.append(f"{where}: {part} for cpu and memory")
    return errors


def _check_container(where, name, binary, pod, container, docs, facts, secrets):
    errors = []
    env, sources = pod_env(docs, container, secrets)
    for source in container.get("envFrom") or []:
        if "secretRef" in source and secret_keys(secrets, source["secretRef"]["name"]) is None:
            errors.append(f"{where}: Secret {source['secretRef']['name']} is not in k8s/README.md")
    for var in sorted(env):
        if not facts.has_env_flag(binary, var):
            errors.append(f"{where}: {var} (from {sources[var]}) is no flag of {binary}")
    for flag in [a.split("=")[0][2:] for a in container.get("args") or [] if a.startswith("--")]:
        if flag not in facts.flags(binary):
            errors.append(f"{where}: {binary} has no --{flag}")
    if "HOTLINE_PG_URL" not in env or sources["HOTLINE_PG_URL"] != "Secret hotline-backends":
        errors.append(f"{where}: HOTLINE_PG_URL must come from the Secret hotline-backends")
    if str(env.get("HOTLINE_MIGRATE_ON_START")).lower() != "false":
        errors.append(f"{where}: HOTLINE_MIGRATE_ON_START must be false (the Job migrates)")
    for var in FILE_FLAGS:
        if env.get(var):
            found = mounted_file(pod, container, env[var], docs)
            if not found or found[2] is None or (
                    found[0] == "Secret" and found[2] not in secret_keys(secrets, found[1])):
                errors.append(f"{where}: {var}={env[var]} is no key of a mounted Secret or "
                              "ConfigMap")
    grpc, metrics = facts.default_ports[binary]
    grpc = int(env.get("HOTLINE_GRPC_PORT") or grpc)
    metrics = int(env.get("HOTLINE_METRICS_PORT") or metrics)
    ports = {p.get("name"): p["containerPort"] for p in container.get("ports") or []}
    expected = {"grpc": grpc, "metrics": metrics}
    if env.get("HOTLINE_PEER_PORT"):
        expected["peer"] = int(env["HOTLINE_PEER_PORT"])
    if ports != expected:
        errors.append(f"{where}: container ports {ports}, the service listens on {expected}")
    listen = env.get("HOTLINE_LISTEN_HOST") or "127.0.0.1"
    tls = bool(env.get("HOTLINE_TLS_CERT"))
    if listen not in ("127.0.0.1", "localhost", "::1") and not tls and \
            str(env.get("HOTLINE_ALLOW_PLAINTEXT_LISTEN")).lower() != "true":
        errors.append(f"{where}: listens on {listen} in plaintext: the service refuses to start")
    if tls != bool(env.get("HOTLINE_TLS_KEY")):
        errors.append(f"{where}: HOTLINE_TLS_CERT and HOTLINE_TLS_KEY go together")
    for kind in ("readinessProbe", "livenessProbe"):
        errors += _check_probe(f"{where} {kind}", name, container.get(kind), grpc, tls, pod,
                               container, docs, facts)
    service = of_kind(docs, "Service").get(name)
    if not service:
        errors.append(f"{where}: no Service {name}")
    else:
        for port in service["spec"]["ports"]:
            target = port.get("targetPort")
            if target not in ports and target not in ports.values():
                errors.append(f"{where}: Service port {port['name']} targets {target}, no port")
        pod_labels = docs[("Deployment", name)]["spec"]["template"]["metadata"]["labels"]
        labels = service["spec"]["selector"]
        if any(pod_labels.get(k) != v for k, v in labels.items()):
            errors.append(f"{where}: Service {name} does not select its pods")
    return errors


def _check_probe(where, name, probe, grpc, tls, pod, container, docs, facts):
    if not probe:
        return [f"{where}: missing"]
    if "grpc" in probe:
        if tls:
            return [f"{where}: the kubelet's grpc probe cannot speak TLS; exec hotline-admin health"]
        return [] if probe["grpc"].get("port") == grpc else [f"{where}: not on port {grpc}"]
    command = (probe.get("exec") or {}).get("command") or []
    if len(command) < 2 or not command[0].endswith("hotline-admin") or command[1] != "health":
        return [f"{where}: neither a grpc probe nor `hotline-admin health`"]
    errors = []
    flags = dict(a[2:].split("=", 1) for a in command[2:] if a.startswith("--") and "=" in a)
    for flag in flags:
        if flag not in facts.flags("hotline-admin"):
            errors.append(f"{where}: hotline-admin has no --{flag}")
    if flags.get("addr") != f"127.0.0.1:{grpc}":
        errors.append(f"{where}: asks {flags.get('addr')}, the service is on 127.0.0.1:{grpc}")
    if tls:
        if not flags.get("tls_ca") or not mounted_file(pod, container, flags["tls_ca"], docs):
            errors.append(f"{where}: over TLS it needs --tls_ca of a mounted Secret")
        if flags.get("tls_server_name") not in (name, "localhost"):
            errors.append(f"{where}: --tls_server_name should be {name}, a name in its certificate")
    return errors
