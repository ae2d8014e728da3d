"""The rest of a rendered overlay: disruption budgets, autoscalers, network paths, monitoring,
and what makes the overlay its instance (instance id, transfer role, peers)."""
import re

import yaml

import topology_seed

from k8s_manifests import of_kind, pod_env

ROLE_OF_OVERLAY = {"prefecture": ("prefecture", 4, "INSTANCE_ROLE_PROVINCE"),
                   "province": ("province", 2, "INSTANCE_ROLE_PREFECTURE")}
BASE_PEER_PLACEHOLDER = "192.0.2.0/24"


def _selects(selector, labels):
    return all(labels.get(k) == v for k, v in (selector.get("matchLabels") or {}).items())


def _pod_labels(deployment):
    return deployment["spec"]["template"]["metadata"]["labels"]


def check(overlay, docs, root):
    errors = []
    deployments = of_kind(docs, "Deployment")
    budgets = of_kind(docs, "PodDisruptionBudget").values()
    for name, deployment in deployments.items():
        matching = [b for b in budgets if _selects(b["spec"]["selector"], _pod_labels(deployment))]
        replicas = deployment["spec"].get("replicas", 1)
        if not matching or not 1 <= matching[0]["spec"].get("minAvailable", 0) < replicas:
            errors.append(f"{overlay}: {name} needs a PodDisruptionBudget keeping 1..replicas-1")
    for name, hpa in of_kind(docs, "HorizontalPodAutoscaler").items():
        target = hpa["spec"]["scaleTargetRef"]
        if target.get("kind") != "Deployment" or target.get("name") not in deployments:
            errors.append(f"{overlay}: HPA {name} scales {target}, no Deployment")
        elif hpa["spec"].get("minReplicas", 1) < 2:
            errors.append(f"{overlay}: HPA {name} may scale below 2 replicas")
    errors += _check_network(overlay, docs, deployments)
    errors += _check_monitoring(overlay, docs, deployments, root)
    errors += _check_instance(overlay, docs, deployments, root)
    return errors


def _allowed(policies, labels, direction, port):
    """Whether a policy selecting pods with LABELS lets traffic on PORT in DIRECTION."""
    for policy in policies:
        if not _selects(policy["spec"]["podSelector"], labels):
            continue
        for rule in policy["spec"].get(direction) or []:
            if any(p.get("port") == port for p in rule.get("ports") or []):
                yield rule


def _check_network(overlay, docs, deployments):
    errors = []
    policies = list(of_kind(docs, "NetworkPolicy").values())
    deny = [p for p in policies if p["spec"]["podSelector"] == {} and
            set(p["spec"].get("policyTypes", [])) == {"Ingress", "Egress"} and
            not p["spec"].get("ingress") and not p["spec"].get("egress")]
    if not deny:
        errors.append(f"{overlay}: no default-deny NetworkPolicy")
    for name, deployment in deployments.items():
        labels = _pod_labels(deployment)
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        ports = {p["name"]: p["containerPort"] for p in container["ports"]}
        env, _ = pod_env(docs, container)
        needs = [("ingress", ports["grpc"], "gRPC from clients"),
                 ("ingress", ports["metrics"], "Prometheus scrapes"),
                 ("egress", 5432, "PostgreSQL"), ("egress", 6379, "Redis"),
                 ("egress", 53, "DNS")]
        if "peer" in ports:
            needs += [("ingress", ports["peer"], "peers"), ("egress", ports["peer"], "peers")]
        for direction, port, what in needs:
            if not list(_allowed(policies, labels, direction, port)):
                errors.append(f"{overlay}: no NetworkPolicy lets {what} reach {name}:{port}")
        if "peer" in ports:
            for rule in _allowed(policies, labels, "ingress", ports["peer"]):
                if any(p.get("ipBlock", {}).get("cidr") == BASE_PEER_PLACEHOLDER
                       for p in rule.get("from") or []):
                    errors.append(f"{overlay}: the peers' networks are the base's placeholder")
        if env.get("HOTLINE_REPORTING_ADDR"):
            host, port = env["HOTLINE_REPORTING_ADDR"].rsplit(":", 1)
            target = deployments.get(host)
            service = of_kind(docs, "Service").get(host)
            if not target or not service or int(port) not in [p["port"] for p in
                                                              service["spec"]["ports"]]:
                errors.append(f"{overlay}: {name} calls {host}:{port}, no such Service port")
                continue
            grpc = target["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"]
            out = [r for r in _allowed(policies, labels, "egress", grpc)
                   if any(_selects(t.get("podSelector", {}), _pod_labels(target))
                          for t in r.get("to") or [])]
            into = [r for r in _allowed(policies, _pod_labels(target), "ingress", grpc)
                    if any(_selects(f.get("podSelector", {}), labels) for f in r.get("from") or [])]
            if not out or not into:
                errors.append(f"{overlay}: NetworkPolicies do not let {name} call {host}")
    return errors


def _check_monitoring(overlay, docs, deployments, root):
    errors = []
    monitors = list(of_kind(docs, "ServiceMonitor").values())
    services = of_kind(docs, "Service")
    for name in deployments:
        service = services.get(name, {"metadata": {"labels": {}}, "spec": {"ports": []}})
        scraped = [m for m in monitors
                   if _selects(m["spec"]["selector"], service["metadata"].get("labels") or {})
                   and any(e.get("port") in [p["name"] for p in service["spec"]["ports"]]
                           for e in m["spec"]["endpoints"])]
        if not scraped:
            errors.append(f"{overlay}: no ServiceMonitor scrapes the Service {name}")
        elif not any(r.get("targetLabel") == "job" and r.get("replacement") == "hotline"
                     for e in scraped[0]["spec"]["endpoints"] for r in e.get("relabelings") or []):
            errors.append(f"{overlay}: the rules expect job=\"hotline\"; the ServiceMonitor "
                          "does not set it")
    groups = []
    for source in ("recording.rules.yml", "alerts.rules.yml"):
        groups += yaml.safe_load((root / "deploy/prometheus" / source).read_text())["groups"]
    rules = list(of_kind(docs, "PrometheusRule").values())
    if len(rules) != 1 or rules[0]["spec"]["groups"] != groups:
        errors.append(f"{overlay}: the PrometheusRule is not deploy/prometheus's rules "
                      "(run k8s/generate-prometheus-rule)")
    return errors


def _check_instance(overlay, docs, deployments, root):
    role, digits, peer_role = ROLE_OF_OVERLAY.get(overlay, (None, None, None))
    if role is None:
        return [f"{overlay}: an overlay this check does not know"]
    errors = []
    transfer = deployments.get("transfer")
    if not transfer:
        return errors
    container = transfer["spec"]["template"]["spec"]["containers"][0]
    env, _ = pod_env(docs, container)
    instance = env.get("HOTLINE_INSTANCE_ID") or ""
    if not re.fullmatch(r"53\d{%d}" % (digits - 2), instance):
        errors.append(f"{overlay}: instance id {instance!r} is no Yunnan {role} code")
    if env.get("HOTLINE_INSTANCE_ROLE") != role:
        errors.append(f"{overlay}: transfer's role is {env.get('HOTLINE_INSTANCE_ROLE')}")
    seeds = [cm for name, cm in of_kind(docs, "ConfigMap").items()
             if name.startswith("hotline-topology")]
    if len(seeds) != 1 or len(seeds[0].get("data", {})) != 1:
        return errors + [f"{overlay}: one topology seed ConfigMap with one file expected"]
    try:
        seed, pb2 = topology_seed.parse(root, next(iter(seeds[0]["data"].values())))
    except ValueError as e:
        return errors + [f"{overlay}: the topology seed does not parse: {e}"]
    except RuntimeError as e:
        return errors + [f"{overlay}: cannot read topology seeds: {e}"]
    if not seed.peers:
        errors.append(f"{overlay}: the topology seed lists no peer")
    for peer in seed.peers:
        where = f"{overlay}: peer {peer.instance_code}"
        if pb2.InstanceRole.Name(peer.role) != peer_role or peer.instance_code == instance:
            errors.append(f"{where} is not a {peer_role} peer")
        if peer.address.rsplit(":", 1)[-1] != env.get("HOTLINE_PEER_PORT"):
            errors.append(f"{where} is not on the peer port {env.get('HOTLINE_PEER_PORT')}")
        if not peer.certificate_identity:
            errors.append(f"{where} has no certificate identity")
        if "127.0.0.1" in peer.address or peer.certificate_identity.endswith(".test"):
            errors.append(f"{where} has a local suite's address or identity")
    return errors
