"""The rendered overlays (kubectl kustomize) and what k8s/README.md documents about Secrets."""
import re
import shutil
import subprocess

import yaml


def kubectl():
    return shutil.which("kubectl")


def render(overlay):
    """The documents of `kubectl kustomize OVERLAY`, by (kind, name)."""
    run = subprocess.run([kubectl(), "kustomize", str(overlay)], capture_output=True, text=True,
                         timeout=120)
    if run.returncode != 0:
        raise RuntimeError(f"kubectl kustomize {overlay} failed: {run.stderr.strip()}")
    docs = {}
    for doc in yaml.safe_load_all(run.stdout):
        if doc:
            docs[(doc["kind"], doc["metadata"]["name"])] = doc
    return docs


def of_kind(docs, kind):
    return {name: doc for (k, name), doc in docs.items() if k == kind}


def documented_secrets(readme_text):
    """Secret name pattern (regex) -> its keys, from the table under "## Secrets"."""
    section = readme_text.split("## Secrets", 1)[1].split("\n## ", 1)[0]
    secrets = {}
    for row in re.findall(r"^\| `([^`]+)` \| ([^|]+) \|", section, re.M):
        pattern = "^" + re.escape(row[0]).replace(re.escape("<service>"), "[a-z]+") + "$"
        secrets[pattern] = set(re.findall(r"`([^`]+)`", row[1]))
    return secrets


def secret_keys(secrets, name):
    for pattern, keys in secrets.items():
        if re.match(pattern, name):
            return keys
    return None


def pod_env(docs, container, secrets=None):
    """The container's environment as the kubelet builds it: envFrom in order (a later source
    wins), then env. Secret values are unknown (None); the keys come from the README."""
    env, sources = {}, {}
    for source in container.get("envFrom") or []:
        if "configMapRef" in source:
            name = source["configMapRef"]["name"]
            for key, value in of_kind(docs, "ConfigMap").get(name, {}).get("data", {}).items():
                env[key], sources[key] = value, f"ConfigMap {name}"
        if "secretRef" in source:
            name = source["secretRef"]["name"]
            for key in (secret_keys(secrets, name) if secrets else None) or ():
                env[key], sources[key] = None, f"Secret {name}"
    for item in container.get("env") or []:
        env[item["name"]], sources[item["name"]] = item.get("value"), "env"
    return env, sources


def mounted_file(pod, container, path, docs):
    """(volume kind, its name, key) when PATH is a file of a volume the container mounts."""
    volumes = {v["name"]: v for v in pod.get("volumes") or []}
    for mount in container.get("volumeMounts") or []:
        prefix = mount["mountPath"].rstrip("/") + "/"
        if path.startswith(prefix):
            volume = volumes.get(mount["name"], {})
            key = path[len(prefix):]
            if "secret" in volume:
                return ("Secret", volume["secret"]["secretName"], key)
            if "configMap" in volume:
                name = volume["configMap"]["name"]
                present = key in of_kind(docs, "ConfigMap").get(name, {}).get("data", {})
                return ("ConfigMap", name, key if present else None)
    return None
